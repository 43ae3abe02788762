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

/// <summary>CBS gemeentecodes, the service's tenants: four digits (0632 is Woerden).</summary>
public static class Gemeentecodes
{
    public static bool IsValid(string? code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);
}
