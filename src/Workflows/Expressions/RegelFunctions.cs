using System.Globalization;
using Inburgering.Engine.Expressions;
using Inburgering.Workflows.Doelgroepen;
using Inburgering.Workflows.Handhaving;
using Inburgering.Workflows.Leerroutes;

namespace Inburgering.Workflows.Expressions;

/// <summary>
/// The domain rules for BPMN expressions, under <c>regel.*</c>: which law applies, the doelgroep and what it gets, and the
/// checks DUO applies (PIP, MAP/PVT with <c>verwijtbaar</c>) run before anything is sent. Pure; dates as "yyyy-MM-dd";
/// a list of problems comes back as Dutch text, one per line, empty when there are none (so a gateway asks
/// <c>regel.pipFouten(...) === ''</c> and a form shows the text).
/// </summary>
public sealed class RegelFunctions(Wi2021Normen? normen = null) : IExpressionFunctionProvider
{
    private readonly Wi2021Normen _normen = normen ?? Wi2021Normen.Default;

    public IEnumerable<ExpressionFunction> Functions =>
    [
        new("regel.wet", (Func<bool, string?, string?, string>)((plichtig, begin, reden) => Wet(plichtig, begin, reden).Code),
            "Code van de wetsbepaling uit het antwoord van DUO (inburgeringsplichtig, begindatum, reden geen plicht): WET-WI2021, WET-WI2013, GEEN-PLICHT-…"),
        new("regel.inWi2021", (Func<bool, string?, string?, bool>)((plichtig, begin, reden) => Wet(plichtig, begin, reden).InScope),
            "Waar als de Wet inburgering 2021 geldt en de gemeente het traject voert (plicht gestart op of na 1 januari 2022)."),
        new("regel.wetReden", (Func<bool, string?, string?, string>)((plichtig, begin, reden) => Wet(plichtig, begin, reden).Reason),
            "De Nederlandse uitleg van de wetsbepaling (waarom wel of niet Wi2021)."),
        new("regel.doelgroep", (Func<string, string?, string>)((indeling, gedetailleerd) => DoelgroepExtensions.FromDuo(indeling, gedetailleerd).ToString()),
            "Doelgroep (Asielstatushouder, Gezinsmigrant, OverigeMigrant) uit DUO's doelgroepindeling en gedetailleerde doelgroep."),
        new("regel.maatschappelijkeBegeleiding", (Func<string, bool>)(d => Entitlements.MaatschappelijkeBegeleidingFor(ParseDoelgroep(d)).IsAllowed),
            "Waar als de doelgroep recht heeft op maatschappelijke begeleiding (alleen asielstatushouders)."),
        new("regel.ontzorging", (Func<string, bool, bool>)((d, bijstand) => Entitlements.OntzorgingFor(ParseDoelgroep(d), bijstand).IsAllowed),
            "Waar als financieel ontzorgen geldt: asielstatushouder met recht op bijstand (Participatiewet art. 56a)."),
        new("regel.ontzorgingReden", (Func<string, bool, string>)((d, bijstand) => Entitlements.OntzorgingFor(ParseDoelgroep(d), bijstand).Reason),
            "De uitleg bij regel.ontzorging."),
        new("regel.taalonderwijsDoorGemeente", (Func<string, bool>)(d => Entitlements.TaalonderwijsByGemeenteFor(ParseDoelgroep(d)).IsAllowed),
            "Waar als de gemeente de leerroute inkoopt en betaalt (asielstatushouders); anders regelt de inburgeraar het taalonderwijs zelf."),
        new("regel.participatiecomponent", (Func<string, bool>)(d => Entitlements.For(ParseDoelgroep(d)).ZRouteParticipatiecomponent),
            "Waar als de Z-route voor deze doelgroep 800 participatie-uren heeft (asielstatushouders)."),
        new("regel.map", (Func<string, bool>)(leerroute => LeerrouteExtensions.Parse(leerroute).IncludesMap()),
            "Waar als de leerroute de MAP heeft (B1-route en Z-route; niet de onderwijsroute)."),
        new("regel.pipFouten",
            (Func<string, string, string, string, string, string?, double?, string?, string?, string>)((doelgroep, startPlicht, vestiging, dagtekening, leerroute, niveau, intensiteit, initieel, actueel) =>
                Text(PipValidation.Validate(
                    new PipMelding(Date(dagtekening, "dagtekening"), LeerrouteExtensions.Parse(leerroute), Niveau(niveau), intensiteit is { } i ? (int)Math.Round(i) : null),
                    new PipContext(ParseDoelgroep(doelgroep), Date(startPlicht, "startPlicht"), Date(vestiging, "vestiging"), OptionalDate(initieel), OptionalDate(actueel))))),
            "De regels van DUO voor een PIP (dagtekening, niveau en leerroute, intensiteit), vóór het melden: één fout per regel, leeg als het PIP klopt."),
        new("regel.resultaatFouten",
            (Func<string, string?, string?, string, string, string, string>)((onderdeel, datum, verwijtbaar, termijnStart, termijnEinde, peildatum) =>
                Text(ResultaatValidation.Validate(
                    new ResultaatMelding(Onderdeel(onderdeel), OptionalDate(datum), Verwijtbaarheid(verwijtbaar)),
                    new ResultaatContext(Date(termijnStart, "termijnStart"), Date(termijnEinde, "termijnEinde"), Date(peildatum, "peildatum")),
                    _normen))),
            "De regels van DUO voor de datum eindgesprek MAP of ondertekening PVT met 'verwijtbaar' (onderdeel MAP of PVT), vóór het melden: één fout per regel, leeg als het klopt."),
        new("regel.zrouteUren", (Func<string, double>)(d => ZRouteUren.NormFor(ParseDoelgroep(d), _normen).Totaal),
            "Het aantal uren van de Z-route voor de doelgroep: 800 cursusuren plus (asielstatushouders) 800 participatie-uren."),
        new("regel.zrouteCompleet", (Func<string, double, double, bool>)((d, cursus, participatie) => ZRouteUren.Progress(ParseDoelgroep(d), cursus, participatie, _normen).IsComplete),
            "Waar als de uren van de Z-route gehaald zijn (dan volgt het eindgesprek)."),
        new("regel.zrouteVoortgang", (Func<string, double, double, string>)((d, cursus, participatie) => ZRouteUren.Progress(ParseDoelgroep(d), cursus, participatie, _normen).Reason),
            "De voortgang van de Z-route in woorden."),
        new("regel.wisselReden", (Func<string, string, string?, string, string>)((van, naar, termijnStart, datum) =>
                LeerrouteWissel.Decide(LeerrouteExtensions.Parse(van), LeerrouteExtensions.Parse(naar), OptionalDate(termijnStart), Date(datum, "datum"), _normen).Reason),
            "Waarom de leerroute wel of niet mag wisselen (zie leerroute.magWisselen)."),
        new("regel.boeteMag", (Func<string?, string?, string, bool>)((ingezet, besproken, datum) => Boete(ingezet, besproken, datum).IsAllowed),
            "Waar als een boete mag worden voorgesteld: er is een interventie ingezet en besproken (handhaving is het sluitstuk)."),
        new("regel.boeteMagReden", (Func<string?, string?, string, string>)((ingezet, besproken, datum) => Boete(ingezet, besproken, datum).Reason),
            "De uitleg bij regel.boeteMag."),
        new("regel.boeteFouten", (Func<double, string, string>)((bedrag, grond) =>
                Text(GemeentelijkeBoete.ValidateAmount((decimal)bedrag, Enum.Parse<Boetegrond>(grond), _normen))),
            "Controle van het boetebedrag (groter dan nul, hooguit € 800, in centen) per grond (NietMeewerkenAanBredeIntake, NietMeewerkenAanPip, NietNakomenPip); leeg als het klopt."),
    ];

    /// <summary>Our names (Asielstatushouder, Gezinsmigrant, OverigeMigrant) or DUO's two-way indeling.</summary>
    internal static Doelgroep ParseDoelgroep(string text) => Doelgroep.Parse(text);

    private static WetsbepalingResult Wet(bool plichtig, string? begin, string? reden) =>
        Wetsbepaling.Determine(new InburgeringsplichtFeiten(plichtig, OptionalDate(begin), Reden(reden)));

    private static RedenGeenInburgeringsplicht? Reden(string? text) => text switch
    {
        null or "" => null,
        "Volledige ontheffing" => RedenGeenInburgeringsplicht.VolledigeOntheffing,
        "Volledige vrijstelling" => RedenGeenInburgeringsplicht.VolledigeVrijstelling,
        "Inburgeringsplicht voldaan" => RedenGeenInburgeringsplicht.InburgeringsplichtVoldaan,
        "Verblijfsdoel gewijzigd" => RedenGeenInburgeringsplicht.VerblijfsdoelGewijzigd,
        "Vertrek uit Nederland langer dan een jaar" => RedenGeenInburgeringsplicht.VertrekUitNederland,
        "Overlijden" => RedenGeenInburgeringsplicht.Overlijden,
        "Tijdelijke vrijstelling" => RedenGeenInburgeringsplicht.TijdelijkeVrijstelling,
        _ => RedenGeenInburgeringsplicht.Overig,
    };

    private static Decision Boete(string? ingezet, string? besproken, string datum)
    {
        var interventies = OptionalDate(ingezet) is { } op
            ? new[] { new Interventie(Interventiesoort.Overig, op, OptionalDate(besproken)) }
            : [];
        return Boetevoorstel.MayPropose(interventies, Date(datum, "datum"));
    }

    private static Niveau? Niveau(string? text) => string.IsNullOrEmpty(text) ? null : Leerroutes.Niveau.Parse(text);

    private static Resultaatonderdeel Onderdeel(string text) => text.ToUpperInvariant() switch
    {
        "MAP" => Resultaatonderdeel.Map,
        "PVT" => Resultaatonderdeel.Pvt,
        _ => throw new FormatException($"'{text}' is geen onderdeel; gebruik MAP of PVT."),
    };

    private static Verwijtbaar? Verwijtbaarheid(string? text) => text switch
    {
        null or "" => null,
        "Ja" => Verwijtbaar.Ja,
        "Nee" => Verwijtbaar.Nee,
        _ => throw new FormatException($"'{text}' is geen waarde voor verwijtbaar; gebruik Ja, Nee of leeg."),
    };

    private static string Text(ValidationResult result) => string.Join('\n', result.Violations.Select(v => v.Message));

    private static DateOnly Date(string? value, string name) =>
        value is null ? throw new ArgumentNullException(name, $"{name} is verplicht.") : Dates.ParseIso(value, name);

    private static DateOnly? OptionalDate(string? value) =>
        string.IsNullOrEmpty(value) ? null : Dates.ParseIso(value.Length > 10 ? value[..10] : value, "datum");

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
