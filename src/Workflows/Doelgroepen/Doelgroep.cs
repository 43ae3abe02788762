namespace Inburgering.Workflows.Doelgroepen;

/// <summary>
/// The Wi2021 target group. DUO's own split is two-way ("Asielstatushouder" / "Gezinsmigrant en overige migrant",
/// Inburgeringsplicht API, Doelgroepindeling); we keep gezin and overig apart for reporting, they have the same rights.
/// </summary>
public enum Doelgroep
{
    Asielstatushouder,
    Gezinsmigrant,
    OverigeMigrant,
}

public static class DoelgroepExtensions
{
    public static bool IsAsiel(this Doelgroep doelgroep) => doelgroep == Doelgroep.Asielstatushouder;

    /// <summary>The value of DUO's <c>Doelgroepindeling</c>.</summary>
    public static string ToDuoIndeling(this Doelgroep doelgroep) =>
        doelgroep.IsAsiel() ? "Asielstatushouder" : "Gezinsmigrant en overige migrant";

    /// <summary>
    /// From DUO's Inburgeringsplicht API: the two-way <c>indeling</c> decides the rights (asiel or not); the
    /// <c>gedetailleerdeDoelgroep</c> only splits gezinsmigrant (gezinshereniger/-vormer) from overige migrant.
    /// A gezinshereniger with an asielstatushouder whom DUO classes as asiel stays asiel.
    /// </summary>
    public static Doelgroep FromDuo(string indeling, string? gedetailleerdeDoelgroep = null) => indeling switch
    {
        "Asielstatushouder" => Doelgroep.Asielstatushouder,
        "Gezinsmigrant en overige migrant" => gedetailleerdeDoelgroep switch
        {
            "Gezinshereniger" or "Gezinsvormer" or "Gezinshereniger met Asielstatushouder" or "Gezinsvormer met Asielstatushouder" => Doelgroep.Gezinsmigrant,
            _ => Doelgroep.OverigeMigrant,
        },
        _ => throw new FormatException($"'{indeling}' is geen doelgroepindeling van DUO ('Asielstatushouder' of 'Gezinsmigrant en overige migrant')."),
    };

    public static string DutchName(this Doelgroep doelgroep) => doelgroep switch
    {
        Doelgroep.Asielstatushouder => "asielstatushouder",
        Doelgroep.Gezinsmigrant => "gezinsmigrant",
        Doelgroep.OverigeMigrant => "overige migrant",
        _ => throw new ArgumentOutOfRangeException(nameof(doelgroep), doelgroep, null),
    };
}
