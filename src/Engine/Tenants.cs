namespace Inburgering.Engine;

/// <summary>
/// Tenant ids: whom an instance belongs to. The host decides what a tenant is (an organisation's code, a department) and
/// who may access which; the engine needs the ids only short and free of commas and white space (it keeps lists of them).
/// </summary>
internal static class Tenants
{
    public const int MaxLength = 64;

    /// <summary>In a list of tenants: every tenant (a sender with access to all of them).</summary>
    public const string All = "*";

    public static bool IsValid(string? tenantId) =>
        tenantId is { Length: > 0 and <= MaxLength } && tenantId != All && !tenantId.Any(c => c == ',' || char.IsWhiteSpace(c) || char.IsControl(c));

    public static void Validate(string? tenantId)
    {
        if (!IsValid(tenantId))
        {
            throw EngineErrors.TenantInvalid.Exception(("tenantId", tenantId), ("maxLength", MaxLength));
        }
    }

    /// <summary>The list column of a set of tenants: ",a,b," (matched with LIKE '%,a,%').</summary>
    public static string ListColumn(IEnumerable<string> tenantIds) => $",{string.Join(',', tenantIds)},";
}
