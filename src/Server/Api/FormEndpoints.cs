using Inburgering.Workflows.Forms;

namespace Inburgering.Server.Api;

/// <summary>The human-task forms (form-js JSON in workflow-definitions/forms/*.form), by the formKey a user task names.</summary>
public static class FormEndpoints
{
    public static void MapForms(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/forms").WithTags("Formulieren");
        group.MapGet("", (FormCatalog forms) => TypedResults.Ok(forms.List()))
            .WithSummary("De formulieren (form-js) van de taken: sleutel, titel en bestand.");
        group.MapGet("/{key}", Get)
            .WithSummary("Het formulier (form-js JSON) met deze sleutel, zoals camunda:formKey van een taak het noemt.");
    }

    private static IResult Get(string key, FormCatalog forms) =>
        forms.Find(key) is { } form
            ? TypedResults.Text(form.ToJsonString(), "application/json", System.Text.Encoding.UTF8)
            : Problems.NotFound(ServerErrors.FormNotFound, ("key", key));
}
