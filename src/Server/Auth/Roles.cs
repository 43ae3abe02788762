using Inburgering.Workflows.Personen;

namespace Inburgering.Server.Auth;

/// <summary>
/// The roles of the service's users. The engine knows none of them: <see cref="Actors.From"/> tells it what a user may do
/// (the beheerder administers every task of the gemeenten they work for; every role is a group for candidate groups and
/// four eyes), and <see cref="Policies"/> decides which roles may call which endpoints.
/// </summary>
public static class Roles
{
    public const string Procesontwerper = "procesontwerper";
    public const string Consulent = "consulent";
    public const string Begeleider = "begeleider";
    public const string Beheerder = "beheerder";
}

/// <summary>
/// CBS gemeentecodes, the service's tenants, as the API takes them: the four digits (0632 is Woerden) of the domain's one
/// <see cref="Gemeentecode"/> check, written as the service stores them (not "GM0632").
/// </summary>
public static class Gemeentecodes
{
    public static bool IsValid(string? code) => Gemeentecode.TryParse(code, out var parsed) && parsed.Value == code;
}
