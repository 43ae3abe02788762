using Inburgering.Engine.Expressions;

namespace Inburgering.Server.Api;

/// <summary>The function catalogue: what BPMN expressions can call besides JavaScript's own, in the shape of the activity catalogue.</summary>
public static class ExpressionFunctionEndpoints
{
    public static void MapExpressionFunctions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/expression-functions").WithTags("Expressiefuncties");
        group.MapGet("", (IExpressionEvaluator expressions) => TypedResults.Ok(expressions.Functions))
            .WithSummary("De functiecatalogus: elke functie voor expressies met beschrijving, (benoemde) argumenten en resultaattype.");
        group.MapGet("/{name}", (string name, IExpressionEvaluator expressions) =>
                expressions.Functions.FirstOrDefault(f => f.Name == name) is { } function
                    ? TypedResults.Ok(function)
                    : Problems.NotFound(ServerErrors.ExpressionFunctionNotFound, ("name", name)))
            .WithSummary("Eén functie uit de catalogus, bijvoorbeeld regel.pipFouten.");
    }
}
