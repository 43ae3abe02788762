namespace Inburgering.Workflows.Doelgroepen;

/// <summary>The integration law that governs an obligation.</summary>
public enum Wet
{
    /// <summary>Wet inburgering 2013: obligations that started before 1 January 2022. DUO runs them; out of scope here.</summary>
    Wi2013,

    /// <summary>Wet inburgering 2021 (BWBR0044770): obligations that started on or after 1 January 2022.</summary>
    Wi2021,
}

/// <summary>DUO's reasons why someone has no (more) inburgeringsplicht (Inburgeringsplicht API, <c>RedenGeenInburgeringsplicht</c>).</summary>
public enum RedenGeenInburgeringsplicht
{
    VolledigeOntheffing,
    VolledigeVrijstelling,
    InburgeringsplichtVoldaan,
    VerblijfsdoelGewijzigd,
    VertrekUitNederland,
    Overlijden,
    TijdelijkeVrijstelling,
    Overig,
}

/// <summary>What DUO says about the obligation (Inburgeringsplicht API): whether it exists, since when, and if not, why.</summary>
public sealed record InburgeringsplichtFeiten(
    bool IsInburgeringsplichtig,
    DateOnly? Begindatum,
    RedenGeenInburgeringsplicht? RedenGeenPlicht = null);

/// <summary>Which law applies and whether this service takes the case, with the Dutch reason.</summary>
public sealed record WetsbepalingResult(Wet? Wet, bool InScope, string Code, string Reason);

/// <summary>
/// Decides the law and scope of a case. The date that counts is the start of the inburgeringsplicht (the day IND
/// makes the residence right known, or the end of an exemption that applied then), not the date of DUO's notice:
/// in 2022 notices were paused and sent late (facts §3 [H], S2, S5, S28), and the seeds report confusion about it.
/// </summary>
public static class Wetsbepaling
{
    /// <summary>Wi2021 took effect on this date (Stb. 2021; facts §3 [H]). Fixed by law, not configurable.</summary>
    public static readonly DateOnly Wi2021Ingangsdatum = new(2022, 1, 1);

    public static WetsbepalingResult Determine(InburgeringsplichtFeiten feiten)
    {
        if (!feiten.IsInburgeringsplichtig)
            return NotObliged(feiten.RedenGeenPlicht);

        if (feiten.Begindatum is not { } begin)
        {
            return new(null, false, "PLICHT-BEGIN-ONBEKEND",
                "DUO meldt een inburgeringsplicht zonder begindatum. Zonder begindatum is niet te bepalen of de Wet inburgering 2021 geldt; vraag de inburgeringsplicht opnieuw op bij DUO.");
        }

        if (begin < Wi2021Ingangsdatum)
        {
            return new(Wet.Wi2013, false, "WET-WI2013",
                $"De inburgeringsplicht is gestart op {Dates.Dutch(begin)}, vóór 1 januari 2022. Daarom geldt de Wet inburgering 2013 en niet de Wet inburgering 2021. Onder de Wi2013 regelt de inburgeraar de inburgering zelf met DUO; dit traject valt buiten deze dienst. Let op: de datum van de kennisgeving telt niet, alleen de start van de plicht.");
        }

        return new(Wet.Wi2021, true, "WET-WI2021",
            $"De inburgeringsplicht is gestart op {Dates.Dutch(begin)}, op of na 1 januari 2022: de Wet inburgering 2021 is van toepassing en de gemeente voert de regie.");
    }

    private static WetsbepalingResult NotObliged(RedenGeenInburgeringsplicht? reden)
    {
        var (code, text) = reden switch
        {
            RedenGeenInburgeringsplicht.VolledigeOntheffing => ("GEEN-PLICHT-ONTHEFFING", "DUO heeft volledige ontheffing verleend."),
            RedenGeenInburgeringsplicht.VolledigeVrijstelling => ("GEEN-PLICHT-VRIJSTELLING", "DUO heeft volledige vrijstelling verleend."),
            RedenGeenInburgeringsplicht.InburgeringsplichtVoldaan => ("GEEN-PLICHT-VOLDAAN", "De inburgeringsplicht is al voldaan."),
            RedenGeenInburgeringsplicht.VerblijfsdoelGewijzigd => ("GEEN-PLICHT-VERBLIJFSDOEL", "Het verblijfsdoel is gewijzigd; de plicht is vervallen."),
            RedenGeenInburgeringsplicht.VertrekUitNederland => ("GEEN-PLICHT-VERTREK", "De persoon is langer dan een jaar uit Nederland vertrokken."),
            RedenGeenInburgeringsplicht.Overlijden => ("GEEN-PLICHT-OVERLEDEN", "De persoon is overleden."),
            RedenGeenInburgeringsplicht.TijdelijkeVrijstelling => ("GEEN-PLICHT-TIJDELIJKE-VRIJSTELLING", "Er geldt een tijdelijke vrijstelling (bijvoorbeeld een vrijstellende opleiding); de plicht start of herleeft pas als die eindigt (DUO meldt dat met SS129 of SS130)."),
            RedenGeenInburgeringsplicht.Overig => ("GEEN-PLICHT-OVERIG", "DUO geeft een andere reden op (bijvoorbeeld jonger dan 18, AOW-leeftijd, EU-onderdaan of tijdelijk verblijf)."),
            _ => ("GEEN-PLICHT", "DUO geeft geen reden op."),
        };
        return new(null, false, code, $"Geen inburgeringsplicht volgens DUO: {text} Er is geen traject onder de Wet inburgering 2021 te starten.");
    }
}
