using System.Globalization;

namespace Inburgering.Workflows.Beheer;

/// <summary>
/// What a quarterly report counts per gemeente, in the rows of the Ferm Werk memo (seed 001) and the additions DOMAIN.md asks
/// for, and where the keten's BPMN records each: a task created or completed, a partner call completed, a traject started.
/// </summary>
public static class Kwartaalcijfers
{
    public const string Traject = "inburgeringstraject";
    public const string Schakel2 = "schakel2-voorbereiden-op-inburgering";

    /// <summary>
    /// The traject's variables the counts group by (doelgroep as DUO gives it, the detail, the PIP's leerroute): the engine keeps
    /// them beside each instance (<c>EngineOptions.CountedVariables</c>) so the counts read an index, not every traject's variables.
    /// </summary>
    public static readonly IReadOnlyList<string> TrajectKenmerken = ["doelgroep", "gedetailleerdeDoelgroep", "pipLeerroute"];

    public enum Bron
    {
        /// <summary>A user task (definitionKey/elementId) completed in the quarter.</summary>
        TaakAfgerond,

        /// <summary>A user task created in the quarter (the work started).</summary>
        TaakGestart,

        /// <summary>A partner call of an activity type completed in the quarter.</summary>
        PartnerAanroep,

        /// <summary>A traject started in the quarter whose variable has the given value.</summary>
        TrajectGestart,
    }

    /// <summary>One row: stable key, the memo's Dutch wording, the source and what it matches.</summary>
    public sealed record Regel(string Key, string Naam, Bron Bron, string Sleutel, string? Waarde = null);

    /// <summary>The count table of the Ferm Werk memo (seed 001), in its order.</summary>
    public static IReadOnlyList<Regel> Memo { get; } =
    [
        new("gehuisveste-statushouders", "Aantal gehuisveste volw. statushouders (Wi2021)", Bron.TaakAfgerond, Schakel2 + "/User_Huisvesting"),
        new("gehuisveste-gezinsmigranten", "Aantal gehuisveste gezinsmigranten (Wi2021)", Bron.TrajectGestart, "doelgroep", "gezinsmigrant"),
        new("leerbaarheidstoetsen", "Aantal afgelegde en geplande leerbaarheidstoetsen", Bron.PartnerAanroep, "intake.leerbaarheidstoets-aanvragen"),
        new("brede-intakes", "Aantal opgestarte brede intakes", Bron.TaakGestart, Achterstanden.Schakel3 + "/User_Intake"),
        new("pips", "Aantal vastgestelde PIPs", Bron.TaakAfgerond, Achterstanden.Schakel3 + "/User_Pip"),
        new("aanmeldingen-taalonderwijs", "Aantal aanmeldingen taalonderwijs leerroutes", Bron.PartnerAanroep, "taalaanbieder.aanmelden"),
    ];

    /// <summary>The task whose completion by its due date (the PIP deadline) is the 10-week norm.</summary>
    public const string PipTaak = Achterstanden.Schakel3 + "/User_Pip";

    /// <summary>The schakels in keten order, with their Dutch names.</summary>
    public static IReadOnlyList<(string Key, string Naam)> Schakels { get; } =
    [
        ("schakel1-vaststellen-inburgeringsplicht", "1. Vaststellen inburgeringsplicht"),
        (Schakel2, "2. Voorbereiden op inburgering"),
        (Achterstanden.Schakel3, "3. Brede intake en PIP"),
        (Achterstanden.Schakel4, "4. Inburgeren en participeren"),
        ("schakel5-afronden-inburgering", "5. Afronden inburgering"),
    ];
}

/// <summary>A calendar quarter (Dutch "2026-K3"; "2026-Q3" is accepted too), from its first day to the next quarter's, in Amsterdam time.</summary>
public readonly record struct Kwartaal(int Jaar, int Nummer)
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public DateOnly EersteDag => new(Jaar, ((Nummer - 1) * 3) + 1, 1);

    public Kwartaal Volgende => Nummer == 4 ? new(Jaar + 1, 1) : new(Jaar, Nummer + 1);

    public Kwartaal Vorige => Nummer == 1 ? new(Jaar - 1, 4) : new(Jaar, Nummer - 1);

    public DateTimeOffset Van => Start(EersteDag);

    public DateTimeOffset Tot => Start(Volgende.EersteDag);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Jaar}-K{Nummer}");

    public string Naam => string.Create(CultureInfo.InvariantCulture, $"{Nummer}e kwartaal {Jaar}");

    public static Kwartaal VanMoment(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Amsterdam);
        return new(local.Year, ((local.Month - 1) / 3) + 1);
    }

    public static bool TryParse(string? text, out Kwartaal kwartaal)
    {
        kwartaal = default;
        var t = text?.Trim().ToUpperInvariant();
        if (t is not { Length: 7 } || t[4] != '-' || (t[5] != 'K' && t[5] != 'Q')
            || !int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var jaar) || jaar < 2000 || jaar > 2100
            || t[6] is < '1' or > '4')
        {
            return false;
        }

        kwartaal = new(jaar, t[6] - '0');
        return true;
    }

    private static DateTimeOffset Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local)).ToUniversalTime();
    }
}
