using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;

namespace Inburgering.Server.Api;

/// <summary>The activity catalogue, and the same as element templates for the designer (bpmn-js, Camunda 7 flavour).</summary>
public static class ActivityEndpoints
{
    public const string TemplateSchema = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";

    public static void MapActivities(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/activities").WithTags("Activiteiten");
        group.MapGet("", (IActivityCatalog catalog) => TypedResults.Ok(catalog.Descriptors))
            .WithSummary("De activiteitencatalogus: elke activiteit met invoer, uitvoer, foutcodes en herhaalbeleid.");
        group.MapGet("/element-templates", (IActivityCatalog catalog) => TypedResults.Ok(catalog.Descriptors.Select(ElementTemplate).ToList()))
            .WithSummary("De catalogus als element templates voor de ontwerper (bpmn-js met camunda-bpmn-moddle).");
        group.MapGet("/{type}", (string type, IActivityCatalog catalog) =>
                catalog.Find(type) is { } descriptor ? TypedResults.Ok(descriptor) : Problems.NotFound(ServerErrors.ActivityNotFound, ("type", type)))
            .WithSummary("Eén activiteit uit de catalogus.");
    }

    /// <summary>
    /// One element template: a service task with camunda:type="external" and the activity's topic fixed, an input parameter
    /// per input (defaulting to the variable of the same name) and an output parameter per output.
    /// </summary>
    public static JsonObject ElementTemplate(ActivityDescriptor activity)
    {
        var properties = new JsonArray
        {
            new JsonObject { ["type"] = "Hidden", ["value"] = "external", ["binding"] = new JsonObject { ["type"] = "property", ["name"] = "camunda:type" } },
            new JsonObject { ["type"] = "Hidden", ["value"] = activity.Type, ["binding"] = new JsonObject { ["type"] = "property", ["name"] = "camunda:topic" } },
        };
        foreach (var input in activity.Inputs)
        {
            var property = new JsonObject
            {
                ["label"] = input.Name,
                ["description"] = Describe(input),
                ["group"] = "invoer",
                ["type"] = "String",
                ["value"] = "${" + input.Name + "}",
                ["binding"] = new JsonObject { ["type"] = "camunda:inputParameter", ["name"] = input.Name },
            };
            if (input.Required)
            {
                property["constraints"] = new JsonObject { ["notEmpty"] = true };
            }

            properties.Add(property);
        }

        foreach (var output in activity.Outputs)
        {
            properties.Add(new JsonObject
            {
                ["label"] = $"{output.Name} → variabele",
                ["description"] = Describe(output),
                ["group"] = "uitvoer",
                ["type"] = "String",
                ["value"] = output.Name,
                ["binding"] = new JsonObject { ["type"] = "camunda:outputParameter", ["source"] = "${" + output.Name + "}" },
            });
        }

        return new JsonObject
        {
            ["$schema"] = TemplateSchema,
            ["id"] = $"inburgering.{activity.Type}",
            ["name"] = activity.Name,
            ["description"] = activity.Description,
            ["version"] = 1,
            ["appliesTo"] = new JsonArray("bpmn:ServiceTask"),
            ["category"] = new JsonObject { ["id"] = activity.Category.ToLowerInvariant(), ["name"] = activity.Category },
            ["groups"] = new JsonArray(
                new JsonObject { ["id"] = "invoer", ["label"] = "Invoer" },
                new JsonObject { ["id"] = "uitvoer", ["label"] = "Uitvoer" }),
            ["properties"] = properties,
        };
    }

    private static string Describe(ActivityParameter parameter) =>
        $"{parameter.Description} ({parameter.Type}{(parameter.Required ? ", verplicht" : "")})".Trim();
}
