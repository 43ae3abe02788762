using System.ComponentModel;
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
        ExpressionFunction.Named("regel.wet", (WetInput i) => Wet(i).Code,
            "Code van de wetsbepaling uit het antwoord van DUO (inburgeringsplichtig, begindatum, reden geen plicht): WET-WI2021, WET-WI2013, GEEN-PLICHT-…"),
        ExpressionFunction.Named("regel.inWi2021", (WetInput i) => Wet(i).InScope,
            "Waar als de Wet inburgering 2021 geldt en de gemeente het traject voert (plicht gestart op of na 1 januari 2022)."),
        ExpressionFunction.Named("regel.wetReden", (WetInput i) => Wet(i).Reason,
            "De Nederlandse uitleg van de wetsbepaling (waarom wel of niet Wi2021)."),
        ExpressionFunction.Named("regel.doelgroep", (DoelgroepInput i) => DoelgroepExtensions.FromDuo(i.Indeling, i.Gedetailleerd).ToString(),
            "Doelgroep (Asielstatushouder, Gezinsmigrant, OverigeMigrant) uit DUO's doelgroepindeling en gedetailleerde doelgroep."),
        new("regel.maatschappelijkeBegeleiding", (Func<string, bool>)(d => Entitlements.MaatschappelijkeBegeleidingFor(ParseDoelgroep(d)).IsAllowed),
            "Waar als de doelgroep recht heeft op maatschappelijke begeleiding (alleen asielstatushouders)."),
        ExpressionFunction.Named("regel.ontzorging", (OntzorgingInput i) => Entitlements.OntzorgingFor(ParseDoelgroep(i.Doelgroep), i.Bijstand).IsAllowed,
            "Waar als financieel ontzorgen geldt: asielstatushouder met recht op bijstand (Participatiewet art. 56a)."),
        ExpressionFunction.Named("regel.ontzorgingReden", (OntzorgingInput i) => Entitlements.OntzorgingFor(ParseDoelgroep(i.Doelgroep), i.Bijstand).Reason,
            "De uitleg bij regel.ontzorging."),
        new("regel.taalonderwijsDoorGemeente", (Func<string, bool>)(d => Entitlements.TaalonderwijsByGemeenteFor(ParseDoelgroep(d)).IsAllowed),
            "Waar als de gemeente de leerroute inkoopt en betaalt (asielstatushouders); anders regelt de inburgeraar het taalonderwijs zelf."),
        new("regel.participatiecomponent", (Func<string, bool>)(d => Entitlements.For(ParseDoelgroep(d)).ZRouteParticipatiecomponent),
            "Waar als de Z-route voor deze doelgroep 800 participatie-uren heeft (asielstatushouders)."),
        new("regel.map", (Func<string, bool>)(leerroute => LeerrouteExtensions.Parse(leerroute).IncludesMap()),
            "Waar als de leerroute de MAP heeft (B1-route en Z-route; niet de onderwijsroute)."),
        ExpressionFunction.Named("regel.pipFouten", (PipFoutenInput i) =>
                Text(PipValidation.Validate(
                    new PipMelding(Date(i.Dagtekening, "dagtekening"), LeerrouteExtensions.Parse(i.Leerroute), Niveau(i.Niveau), i.Intensiteit is { } n ? (int)Math.Round(n) : null),
                    new PipContext(ParseDoelgroep(i.Doelgroep), Date(i.StartPlicht, "startPlicht"), Date(i.Vestiging, "vestiging"), OptionalDate(i.DagtekeningEerstePip), OptionalDate(i.DagtekeningActuelePip),
                        string.IsNullOrWhiteSpace(i.LeerrouteActuelePip) ? null : LeerrouteExtensions.Parse(i.LeerrouteActuelePip), OptionalDate(i.TermijnStart)))),
            "De regels van DUO voor een PIP (dagtekening, niveau en leerroute, intensiteit), vóór het melden, en dat de leerroute van het actuele PIP blijft tenzij wisselen mag: één fout per regel, leeg als het PIP klopt."),
        ExpressionFunction.Named("regel.resultaatFouten", (ResultaatFoutenInput i) => ResultaatFouten(i),
            "De regels van DUO voor de datum eindgesprek MAP of ondertekening PVT met 'verwijtbaar' (onderdeel MAP of PVT), vóór het melden: één fout per regel, leeg als het klopt. Een melding zonder datum en zonder 'verwijtbaar' is leeg (bij DUO zou die een eerdere datum intrekken)."),
        new("regel.zrouteUren", (Func<string, double>)(d => ZRouteUren.NormFor(ParseDoelgroep(d), _normen).Totaal),
            "Het aantal uren van de Z-route voor de doelgroep: 800 cursusuren plus (asielstatushouders) 800 participatie-uren."),
        ExpressionFunction.Named("regel.zrouteCompleet", (ZrouteInput i) => ZRouteUren.Progress(ParseDoelgroep(i.Doelgroep), i.CursusUren, i.ParticipatieUren, _normen).IsComplete,
            "Waar als de uren van de Z-route gehaald zijn (dan volgt het eindgesprek)."),
        ExpressionFunction.Named("regel.zrouteVoortgang", (ZrouteInput i) => ZRouteUren.Progress(ParseDoelgroep(i.Doelgroep), i.CursusUren, i.ParticipatieUren, _normen).Reason,
            "De voortgang van de Z-route in woorden."),
        ExpressionFunction.Named("regel.wisselReden", (WisselInput i) =>
                LeerrouteWissel.Decide(LeerrouteExtensions.Parse(i.Van), LeerrouteExtensions.Parse(i.Naar), OptionalDate(i.TermijnStart), Date(i.Datum, "datum"), _normen).Reason,
            "Waarom de leerroute wel of niet mag wisselen (zie leerroute.magWisselen)."),
        ExpressionFunction.Named("regel.afschalenMag", (AfschalenInput i) => Afschalen(i).IsAllowed,
            "Waar als de inburgeraar van B1 naar A2 mag afschalen: B1-route, niveau B1 en minimaal 600 lesuren gevolgd (Wi2021 art. 17 lid 3, Besluit inburgering 2021 art. 5.5)."),
        ExpressionFunction.Named("regel.afschalenReden", (AfschalenInput i) => Afschalen(i).Reason,
            "De uitleg bij regel.afschalenMag."),
        ExpressionFunction.Named("regel.boeteMag", (BoeteMagInput i) => Boete(i).IsAllowed,
            "Waar als een boete mag worden voorgesteld: er is een interventie ingezet en besproken (handhaving is het sluitstuk)."),
        ExpressionFunction.Named("regel.boeteMagReden", (BoeteMagInput i) => Boete(i).Reason,
            "De uitleg bij regel.boeteMag."),
        ExpressionFunction.Named("regel.boeteFouten", (BoeteFoutenInput i) =>
                Text(GemeentelijkeBoete.ValidateAmount((decimal)i.Bedrag, Enum.Parse<Boetegrond>(i.Grond), _normen)),
            "Controle van het boetebedrag (groter dan nul, hooguit € 800, in centen) per grond (NietMeewerkenAanBredeIntake, NietMeewerkenAanPip, NietNakomenPip); leeg als het klopt."),
    ];

    /// <summary>Our names (Asielstatushouder, Gezinsmigrant, OverigeMigrant) or DUO's two-way indeling.</summary>
    internal static Doelgroep ParseDoelgroep(string text) => Doelgroep.Parse(text);

    private static WetsbepalingResult Wet(WetInput input) =>
        Wetsbepaling.Determine(new InburgeringsplichtFeiten(input.Inburgeringsplichtig, OptionalDate(input.Begindatum), Reden(input.RedenGeenPlicht)));

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

    private Decision Afschalen(AfschalenInput input) =>
        LeerrouteWissel.DecideAfschalen(LeerrouteExtensions.Parse(input.Leerroute),
            string.IsNullOrEmpty(input.Niveau) ? Leerroutes.Niveau.B1 : Enum.Parse<Leerroutes.Niveau>(input.Niveau, ignoreCase: true), input.GevolgdeLesuren ?? 0, _normen);

    private static Decision Boete(BoeteMagInput input)
    {
        var interventies = OptionalDate(input.InterventieIngezetOp) is { } op
            ? new[] { new Interventie(Interventiesoort.Overig, op, OptionalDate(input.InterventieBesprokenOp)) }
            : [];
        return Boetevoorstel.MayPropose(interventies, Date(input.Datum, "datum"));
    }

    private static Niveau? Niveau(string? text) => string.IsNullOrEmpty(text) ? null : Leerroutes.Niveau.Parse(text);

    private static Resultaatonderdeel Onderdeel(string text) => text.ToUpperInvariant() switch
    {
        "MAP" => Resultaatonderdeel.Map,
        "PVT" => Resultaatonderdeel.Pvt,
        _ => throw new FormatException($"'{text}' is geen onderdeel; gebruik MAP of PVT."),
    };

    /// <summary>
    /// DUO's rules for a MAP or PVT report, and one of the gemeente's own: a first report needs a date or 'verwijtbaar' (without
    /// a date, 'verwijtbaar' alone reports that the eindgesprek or ondertekening did not take place: Ja after the termijn, Nee
    /// from two months before its end, MAP, PVT, Z-route API). Both empty would withdraw at DUO, which is not what the task is for.
    /// </summary>
    private string ResultaatFouten(ResultaatFoutenInput i)
    {
        var melding = new ResultaatMelding(Onderdeel(i.Onderdeel), OptionalDate(i.Datum), Verwijtbaarheid(i.Verwijtbaar));
        var fouten = Text(ResultaatValidation.Validate(
            melding,
            new ResultaatContext(Date(i.TermijnStart, "termijnStart"), Date(i.TermijnEinde, "termijnEinde"), Date(i.Peildatum, "peildatum")),
            _normen));
        if (melding.Datum is null && melding.Verwijtbaar is null)
        {
            var wat = melding.Onderdeel == Resultaatonderdeel.Map ? "de datum van het eindgesprek MAP" : "de datum van de ondertekening van de PVT";
            fouten = string.Join('\n', new[] { $"Vul {wat} in, of kies bij 'Verwijtbaar' Ja of Nee als die er niet is.", fouten }.Where(f => f.Length > 0));
        }

        return fouten;
    }

    private static Verwijtbaar? Verwijtbaarheid(string? text) =>
        Verwijtbaar.TryParse(text, out var verwijtbaar, out var error) ? verwijtbaar : throw new FormatException(error);

    private static string Text(ValidationResult result) => string.Join('\n', result.Violations.Select(v => v.Message));

    private static DateOnly Date(string? value, string name) =>
        value is null ? throw new ArgumentNullException(name, $"{name} is verplicht.") : Dates.ParseIso(value, name);

    private static DateOnly? OptionalDate(string? value) =>
        string.IsNullOrEmpty(value) ? null : Dates.ParseIso(value.Length > 10 ? value[..10] : value, "datum");

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public sealed record WetInput(
        [property: Description("Of DUO een inburgeringsplicht vaststelde (Inburgeringsplicht.Inburgeringsplichtig).")] bool Inburgeringsplichtig,
        [property: Description("Begindatum van de plicht (yyyy-MM-dd), of leeg.")] string? Begindatum,
        [property: Description("DUO's reden dat er geen plicht is (bijvoorbeeld 'Volledige ontheffing'), of leeg.")] string? RedenGeenPlicht);

    public sealed record DoelgroepInput(
        [property: Description("DUO's doelgroepindeling (Asielstatushouder of 'Gezinsmigrant en overige migrant').")] string Indeling,
        [property: Description("DUO's gedetailleerde doelgroep, of leeg.")] string? Gedetailleerd);

    public sealed record OntzorgingInput(
        [property: Description("Doelgroep (Asielstatushouder, Gezinsmigrant, OverigeMigrant).")] string Doelgroep,
        [property: Description("Of de inburgeraar recht heeft op bijstand.")] bool Bijstand);

    public sealed record PipFoutenInput(
        [property: Description("Doelgroep (Asielstatushouder, Gezinsmigrant, OverigeMigrant).")] string Doelgroep,
        [property: Description("Begindatum van de inburgeringsplicht (yyyy-MM-dd).")] string StartPlicht,
        [property: Description("Datum van vestiging in de gemeente (BRP-inschrijving, yyyy-MM-dd).")] string Vestiging,
        [property: Description("Dagtekening van het PIP (yyyy-MM-dd).")] string Dagtekening,
        [property: Description("Leerroute: B, Z of O (of B1Route, ZRoute, Onderwijsroute).")] string Leerroute,
        [property: Description("Taalniveau van het PIP (A2 of B1), of leeg.")] string? Niveau = null,
        [property: Description("Intensiteit in uren per week, of leeg.")] double? Intensiteit = null,
        [property: Description("Dagtekening van het eerste PIP, of leeg bij het eerste.")] string? DagtekeningEerstePip = null,
        [property: Description("Dagtekening van het actuele PIP, of leeg.")] string? DagtekeningActuelePip = null,
        [property: Description("Leerroute van het actuele PIP bij DUO (ook van een vorige gemeente), of leeg.")] string? LeerrouteActuelePip = null,
        [property: Description("Start van de inburgeringstermijn (yyyy-MM-dd), of leeg als die nog niet liep.")] string? TermijnStart = null);

    public sealed record ResultaatFoutenInput(
        [property: Description("Onderdeel: MAP of PVT.")] string Onderdeel,
        [property: Description("Datum eindgesprek MAP of ondertekening PVT (yyyy-MM-dd), of leeg.")] string? Datum,
        [property: Description("Verwijtbaar: Ja, Nee of leeg.")] string? Verwijtbaar,
        [property: Description("Start van de inburgeringstermijn (yyyy-MM-dd).")] string TermijnStart,
        [property: Description("Einde van de inburgeringstermijn (yyyy-MM-dd, exclusief).")] string TermijnEinde,
        [property: Description("De dag waarop wordt gecontroleerd (yyyy-MM-dd), meestal today().")] string Peildatum);

    public sealed record ZrouteInput(
        [property: Description("Doelgroep (Asielstatushouder, Gezinsmigrant, OverigeMigrant).")] string Doelgroep,
        [property: Description("Gevolgde cursusuren.")] double CursusUren,
        [property: Description("Gevolgde participatie-uren.")] double ParticipatieUren);

    public sealed record WisselInput(
        [property: Description("Huidige leerroute (B, Z, O).")] string Van,
        [property: Description("Gewenste leerroute (B, Z, O).")] string Naar,
        [property: Description("Start van de inburgeringstermijn (yyyy-MM-dd), of leeg als die nog niet liep.")] string? TermijnStart,
        [property: Description("Dagtekening van de PIP-wijziging (yyyy-MM-dd).")] string Datum);

    public sealed record AfschalenInput(
        [property: Description("Leerroute (B, Z, O).")] string Leerroute,
        [property: Description("Huidig niveau (B1 of A2; leeg: B1).")] string? Niveau,
        [property: Description("Gevolgde lesuren volgens de taalaanbieder.")] double? GevolgdeLesuren);

    public sealed record BoeteMagInput(
        [property: Description("Datum waarop een interventie is ingezet (yyyy-MM-dd), of leeg.")] string? InterventieIngezetOp,
        [property: Description("Datum waarop de interventie is besproken (yyyy-MM-dd), of leeg.")] string? InterventieBesprokenOp,
        [property: Description("De dag van het voorstel (yyyy-MM-dd), meestal today().")] string Datum);

    public sealed record BoeteFoutenInput(
        [property: Description("Boetebedrag in euro's.")] double Bedrag,
        [property: Description("Grond: NietMeewerkenAanBredeIntake, NietMeewerkenAanPip of NietNakomenPip.")] string Grond);
}
