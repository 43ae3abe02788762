using Inburgering.Workflows.Doelgroepen;

namespace Inburgering.Workflows.Handhaving;

/// <summary>What the gemeente's bestuurlijke boete is for (Wi2021; [M] S19).</summary>
public enum Boetegrond
{
    NietMeewerkenAanBredeIntake,
    NietMeewerkenAanPip,
    NietNakomenPip,
}

/// <summary>
/// Handhaving as the seeds and the handreiking describe it: interventions first, sanctions as the last resort
/// ("sluitstuk", [M] S44; Ferm Werk memo: "interventies erop gericht ... te voorkomen dat sancties moeten worden
/// opgelegd"). A fine may be proposed only after at least one intervention was started and discussed.
/// </summary>
public static class Boetevoorstel
{
    public static Decision MayPropose(IReadOnlyCollection<Interventie> interventies, DateOnly voorstelDatum)
    {
        var ingezet = interventies.Where(i => i.IngezetOp <= voorstelDatum).ToList();
        if (ingezet.Count == 0)
        {
            return Decision.Refuse("BOETE-GEEN-INTERVENTIE",
                "Een boete kan nog niet worden voorgesteld: er is nog geen interventie ingezet (zoals extra ondersteuning, Wmo, jeugdhulp, schuldhulpverlening of de inburgeraar aanspreken op de plichten). Handhaving is het sluitstuk; zet eerst een interventie in.");
        }

        var besproken = ingezet.Where(i => i.BesprokenOp is { } b && b <= voorstelDatum).ToList();
        if (besproken.Count == 0)
        {
            return Decision.Refuse("BOETE-INTERVENTIE-NIET-BESPROKEN",
                $"Een boete kan nog niet worden voorgesteld: er {(ingezet.Count == 1 ? "is 1 interventie" : $"zijn {ingezet.Count} interventies")} ingezet, maar geen is besproken (in het casuïstiekoverleg of met de ketenpartners). Bespreek de interventie eerst.");
        }

        var laatste = besproken.MaxBy(i => i.BesprokenOp)!;
        return Decision.Allow("BOETE-MAG-VOORGESTELD",
            $"Een boete mag worden voorgesteld: {besproken.Count} interventie(s) ingezet en besproken, de laatste op {Dates.Dutch(laatste.BesprokenOp!.Value)}. De casusregisseur beslist.");
    }
}

/// <summary>Checks the amount of the gemeente's bestuurlijke boete against the ceiling (€800, [M] S19, configurable).</summary>
public static class GemeentelijkeBoete
{
    public const string BedragNietPositief = "BOETE-BEDRAG-NIET-POSITIEF";
    public const string BedragBovenMaximum = "BOETE-BEDRAG-BOVEN-MAXIMUM";
    public const string BedragCenten = "BOETE-BEDRAG-CENTEN";

    public static ValidationResult ValidateAmount(decimal bedrag, Boetegrond grond, Wi2021Normen? normen = null)
    {
        var maximum = (normen ?? Wi2021Normen.Default).MaximaleGemeentelijkeBoete;
        var v = new List<Violation>();
        if (bedrag <= 0)
            v.Add(new(BedragNietPositief, string.Create(Dates.Nl, $"Het boetebedrag moet groter zijn dan € 0; {bedrag:C} is niet mogelijk.")));
        if (bedrag > maximum)
            v.Add(new(BedragBovenMaximum, string.Create(Dates.Nl, $"De boete voor {Describe(grond)} is ten hoogste {maximum:C}; {bedrag:C} is te hoog.")));
        if (decimal.Round(bedrag, 2) != bedrag)
            v.Add(new(BedragCenten, string.Create(Dates.Nl, $"Een boetebedrag heeft hooguit twee decimalen (centen); {bedrag} kan niet.")));
        return v.Count == 0 ? ValidationResult.Valid : new ValidationResult(v);
    }

    private static string Describe(Boetegrond grond) => grond switch
    {
        Boetegrond.NietMeewerkenAanBredeIntake => "niet meewerken aan de brede intake",
        Boetegrond.NietMeewerkenAanPip => "niet meewerken aan het opstellen van het PIP",
        Boetegrond.NietNakomenPip => "het niet nakomen van het PIP",
        _ => throw new ArgumentOutOfRangeException(nameof(grond), grond, null),
    };
}

/// <summary>
/// Setting for DUO's result fines (off for asielstatushouders unless a gemeente's policy turns it on) and the gemeente's
/// zienswijzetermijn before its own boete (Awb 4:8 and 5:53 ask for the opportunity; two weeks is usual).
/// </summary>
public sealed record HandhavingInstellingen(bool DuoResultaatboeteAsielstatushouders = false, int ZienswijzeTermijnWeken = 2)
{
    public static readonly HandhavingInstellingen Default = new();
}

/// <summary>
/// DUO's fine for not meeting the result obligations in time (DUO, not the gemeente, imposes it). For
/// asielstatushouders it is behind a setting, off by default: the EU Court of Justice (4 February 2025) and the
/// Raad van State (9 July 2025) held that they may be fined only in exceptional cases, and the government says DUO
/// does not fine them now ([H] S22). The process uses this to decide whether to prepare for a DUO fine.
/// </summary>
public static class DuoResultaatboete
{
    public static Decision Applies(Doelgroep doelgroep, HandhavingInstellingen? instellingen = null)
    {
        var settings = instellingen ?? HandhavingInstellingen.Default;
        if (!doelgroep.IsAsiel())
        {
            return Decision.Allow("DUO-BOETE-VAN-TOEPASSING",
                $"Voor een {doelgroep.DutchName()} kan DUO een boete opleggen als de inburgeringsplicht niet binnen de termijn is voldaan.");
        }

        if (!settings.DuoResultaatboeteAsielstatushouders)
        {
            return Decision.Refuse("DUO-BOETE-ASIEL-UIT",
                "DUO-boetes voor asielstatushouders staan uit. Het Hof van Justitie van de EU (4 februari 2025) en de Raad van State (9 juli 2025) oordeelden dat asielstatushouders alleen in uitzonderlijke gevallen (zoals aantoonbare en aanhoudende onwil) een boete mogen krijgen; DUO legt hun nu geen boete op voor termijnoverschrijding.");
        }

        return Decision.Allow("DUO-BOETE-ASIEL-AAN",
            "DUO-boetes voor asielstatushouders staan aan volgens het beleid; let op: sinds de uitspraken van 2025 alleen in uitzonderlijke gevallen, zoals aantoonbare en aanhoudende onwil.");
    }
}
