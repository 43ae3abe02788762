using System.Diagnostics.CodeAnalysis;

namespace Inburgering.Workflows.Leerroutes;

/// <summary>The result we report with a culpability flag (MAP, PVT, Z-route API, SDI016).</summary>
public enum Resultaatonderdeel
{
    /// <summary>Datum eindgesprek MAP.</summary>
    Map,

    /// <summary>Datum ondertekening PVT.</summary>
    Pvt,
}

/// <summary>DUO's <c>InburgeringJaNeeType</c> for <c>verwijtbaar</c>.</summary>
public enum Verwijtbaar
{
    Ja,
    Nee,
}

/// <summary>Parsing of <see cref="Verwijtbaar"/>: Ja or Nee (any case; true/false as a form's checkbox gives them); empty is none.</summary>
public static class VerwijtbaarExtensions
{
    extension(Verwijtbaar)
    {
        public static bool TryParse(string? text, out Verwijtbaar? verwijtbaar, [NotNullWhen(false)] out string? error)
        {
            (var ok, verwijtbaar) = text?.Trim().ToUpperInvariant() switch
            {
                null or "" => (true, (Verwijtbaar?)null),
                "JA" or "TRUE" => (true, Verwijtbaar.Ja),
                "NEE" or "FALSE" => (true, Verwijtbaar.Nee),
                _ => (false, null),
            };
            error = ok ? null : $"'{text}' is geen waarde voor verwijtbaar: gebruik Ja, Nee of leeg.";
            return ok;
        }
    }
}

/// <summary>
/// A MAP or PVT report. <see cref="Datum"/> empty withdraws an earlier date (DUO replaces the whole resource on PUT).
/// <see cref="Verwijtbaar"/> empty means "no culpability flag".
/// </summary>
public sealed record ResultaatMelding(
    Resultaatonderdeel Onderdeel,
    DateOnly? Datum,
    Verwijtbaar? Verwijtbaar,
    bool IsWijziging = false);

/// <summary>
/// What DUO knows and today's date. <see cref="TermijnEinde"/> is DUO's einddatum of the Inburgeringstermijn,
/// which is exclusive (the first day after the termijn, Inburgeringstermijn API).
/// </summary>
public sealed record ResultaatContext(
    DateOnly TermijnStart,
    DateOnly TermijnEinde,
    DateOnly Peildatum,
    bool GemeenteHeeftActuelePip = true,
    bool EerderGeleverdDoorGemeente = false,
    bool VoldaanViaZRoute = false,
    DateOnly? DatumAfrondingZRoute = null);

/// <summary>
/// DUO's rules for the MAP eindgesprek and the PVT ondertekening with <c>verwijtbaar</c>
/// (shared/duo-m2m/README.md, sections MAP and PVT; [H] S4). Reading of the rules:
/// the termijn is exceeded (<em>overschrijding</em>) when the peildatum has reached the einddatum and the
/// result was not reached before it. Then a flag is required; Ja only then; Nee from 2 months before the
/// einddatum on; no flag at all when the result lies before the einddatum.
/// </summary>
public static class ResultaatValidation
{
    public const string WijzigingZonderEerdere = "RESULTAAT-WIJZIGING-ZONDER-EERDERE";
    public const string GeenActuelePip = "RESULTAAT-GEEN-ACTUELE-PIP";
    public const string AlVoldaanViaZRoute = "RESULTAAT-VOLDAAN-ZROUTE";
    public const string DatumVoorTermijn = "RESULTAAT-DATUM-VOOR-TERMIJN";
    public const string DatumNaZRoute = "RESULTAAT-DATUM-NA-ZROUTE";
    public const string DatumInToekomst = "RESULTAAT-DATUM-TOEKOMST";
    public const string IntrekkenNaZRoute = "RESULTAAT-INTREKKEN-NA-ZROUTE";
    public const string VerwijtbaarVerplicht = "RESULTAAT-VERWIJTBAAR-VERPLICHT";
    public const string VerwijtbaarNietBijTijdigResultaat = "RESULTAAT-VERWIJTBAAR-BIJ-TIJDIG";
    public const string NeeTeVroeg = "RESULTAAT-NEE-TE-VROEG";
    public const string JaVoorOverschrijding = "RESULTAAT-JA-VOOR-OVERSCHRIJDING";

    /// <summary>From this date on <c>verwijtbaar=Nee</c> may be sent: the einddatum falls within two months.</summary>
    public static DateOnly NeeToegestaanVanaf(DateOnly termijnEinde, Wi2021Normen? normen = null) =>
        (normen ?? Wi2021Normen.Default).VensterVoorEinde.SubtractFrom(termijnEinde);

    /// <summary>The termijn is exceeded for this result: the einddatum has passed and the result was not reached before it.</summary>
    public static bool IsOverschreden(DateOnly? datum, DateOnly termijnEinde, DateOnly peildatum) =>
        peildatum >= termijnEinde && !(datum is { } d && d < termijnEinde);

    public static ValidationResult Validate(ResultaatMelding melding, ResultaatContext context, Wi2021Normen? normen = null)
    {
        var v = new List<Violation>();
        var wat = melding.Onderdeel == Resultaatonderdeel.Map ? "datum eindgesprek MAP" : "datum ondertekening PVT";
        var einde = context.TermijnEinde;

        if (melding.IsWijziging && !context.EerderGeleverdDoorGemeente)
            v.Add(new(WijzigingZonderEerdere, $"Een wijziging kan alleen als uw gemeente de {wat} eerder heeft geleverd."));
        if (!context.GemeenteHeeftActuelePip)
            v.Add(new(GeenActuelePip, "Uw gemeente heeft geen actueel PIP voor deze inburgeraar."));
        if (context.VoldaanViaZRoute)
            v.Add(new(AlVoldaanViaZRoute, "De inburgeringsplicht is al voldaan via de Z-route."));

        if (melding.Datum is { } datum)
        {
            if (datum < context.TermijnStart)
                v.Add(new(DatumVoorTermijn, $"De {wat} ({Dates.Dutch(datum)}) ligt voor de start van de inburgeringstermijn ({Dates.Dutch(context.TermijnStart)})."));
            if (context.DatumAfrondingZRoute is { } afronding && datum > afronding)
                v.Add(new(DatumNaZRoute, $"De {wat} ({Dates.Dutch(datum)}) ligt na de datum afronding Z-route ({Dates.Dutch(afronding)})."));
            if (datum > context.Peildatum)
                v.Add(new(DatumInToekomst, $"De {wat} ({Dates.Dutch(datum)}) ligt in de toekomst."));
        }
        else if (context.DatumAfrondingZRoute is not null)
        {
            v.Add(new(IntrekkenNaZRoute, $"De {wat} kan niet worden ingetrokken: de afronding van de Z-route is al geregistreerd."));
        }

        var overschreden = IsOverschreden(melding.Datum, einde, context.Peildatum);
        switch (melding.Verwijtbaar)
        {
            case null when overschreden:
                v.Add(new(VerwijtbaarVerplicht, $"De inburgeringstermijn is overschreden (einddatum {Dates.Dutch(einde)}); geef aan of dat verwijtbaar is (Ja of Nee)."));
                break;
            case not null when melding.Datum is { } d && d < einde:
                v.Add(new(VerwijtbaarNietBijTijdigResultaat, $"De {wat} ({Dates.Dutch(d)}) ligt voor de einddatum van de termijn ({Dates.Dutch(einde)}); dan mag verwijtbaarheid niet worden meegestuurd."));
                break;
            case Verwijtbaar.Nee when context.Peildatum < NeeToegestaanVanaf(einde, normen):
                v.Add(new(NeeTeVroeg, $"'Verwijtbaar: Nee' mag pas als de termijn binnen twee maanden eindigt, dus vanaf {Dates.Dutch(NeeToegestaanVanaf(einde, normen))} (einddatum {Dates.Dutch(einde)})."));
                break;
            case Verwijtbaar.Ja when !overschreden:
                v.Add(new(JaVoorOverschrijding, $"'Verwijtbaar: Ja' mag alleen als de inburgeringstermijn is overschreden; de einddatum is {Dates.Dutch(einde)}."));
                break;
        }

        return v.Count == 0 ? ValidationResult.Valid : new ValidationResult(v);
    }
}
