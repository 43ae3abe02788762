using System.Text.Json.Serialization.Metadata;
using Inburgering.Engine;

namespace Inburgering.Server.Api;

/// <summary>How the API writes the engine's views.</summary>
public static class ApiJson
{
    private static readonly System.Reflection.Assembly Engine = typeof(ProcessEngine).Assembly;

    /// <summary>The engine calls whom an instance belongs to its tenant (<c>tenantId</c>); this API has always called it <c>gemeente</c>.</summary>
    public static void TenantAsGemeente(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != Engine)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.Name == "tenantId")
            {
                property.Name = "gemeente";
            }
        }
    }
}
