using System.Diagnostics.CodeAnalysis;

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

/// <summary>The one mapping between <see cref="Doelgroep"/> and the keten's spellings of it (ours and DUO's).</summary>
public static class DoelgroepExtensions
{
    extension(Doelgroep doelgroep)
    {
        /// <summary>
        /// Parses our names (Asielstatushouder, Gezinsmigrant, OverigeMigrant) and DUO's two-way indeling ("Asielstatushouder",
        /// "Gezinsmigrant en overige migrant"; the latter without DUO's detail counts as overige migrant, with the same rights).
        /// The error is Dutch.
        /// </summary>
        public static bool TryParse(string? text, out Doelgroep parsed, [NotNullWhen(false)] out string? error)
        {
            Doelgroep? value = text?.Trim() switch
            {
                "Asielstatushouder" => Doelgroep.Asielstatushouder,
                "Gezinsmigrant" => Doelgroep.Gezinsmigrant,
                "OverigeMigrant" or "Gezinsmigrant en overige migrant" => Doelgroep.OverigeMigrant,
                _ => null,
            };
            parsed = value ?? default;
            error = value is null ? $"'{text}' is geen doelgroep (Asielstatushouder, Gezinsmigrant of OverigeMigrant)." : null;
            return value is not null;
        }

        public static Doelgroep Parse(string? text) =>
            Doelgroep.TryParse(text, out var parsed, out var error) ? parsed : throw new FormatException(error);

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

        public bool IsAsiel() => doelgroep == Doelgroep.Asielstatushouder;

        public string DutchName() => doelgroep switch
        {
            Doelgroep.Asielstatushouder => "asielstatushouder",
            Doelgroep.Gezinsmigrant => "gezinsmigrant",
            Doelgroep.OverigeMigrant => "overige migrant",
            _ => throw new ArgumentOutOfRangeException(nameof(doelgroep), doelgroep, null),
        };
    }
}
