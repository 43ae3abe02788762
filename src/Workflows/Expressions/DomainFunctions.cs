using System.Globalization;
using Inburgering.Engine.Expressions;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Workflows.Expressions;

/// <summary>
/// The deadline rules, callable from BPMN expressions. JSON-friendly: dates in and out as "yyyy-MM-dd" strings,
/// numbers as doubles (whole numbers where a count is meant), absent values as null. Pure: no clock; a "today" is
/// always passed in. End dates follow DUO: exclusive (the first day after the period).
/// </summary>
public sealed class DomainFunctions(Wi2021Normen? normen = null) : IExpressionFunctionProvider
{
    private readonly Wi2021Normen _normen = normen ?? Wi2021Normen.Default;

    public IEnumerable<ExpressionFunction> Functions =>
    [
        new("termijn.start",
            (Func<string, string>)(dagtekeningEerstePip => Iso(Inburgeringstermijn.FromFirstPip(Date(dagtekeningEerstePip, "dagtekeningEerstePip"), _normen).Start)),
            "Start van de inburgeringstermijn: de dag na de dagtekening van het eerste PIP."),
        new("termijn.einde",
            (Func<string, string>)(dagtekeningEerstePip => Iso(Inburgeringstermijn.FromFirstPip(Date(dagtekeningEerstePip, "dagtekeningEerstePip"), _normen).Einde)),
            "Einddatum van de inburgeringstermijn zonder verlenging (exclusief, zoals DUO): drie jaar na de start."),
        new("termijn.verleng",
            (Func<string, string, double?, string>)((einde, grond, overigeMaanden) => Iso(Verleng(Date(einde, "einde"), grond, overigeMaanden))),
            "Nieuwe einddatum na een verlenging door DUO: grond 'automatisch' (+6 maanden), 'bevalling' (+16 weken) of 'overig' (+ het opgegeven aantal maanden)."),
        new("termijn.tweeMaandenVoorEinde",
            (Func<string, string>)(einde => Iso(_normen.VensterVoorEinde.SubtractFrom(Date(einde, "einde")))),
            "Twee maanden voor de einddatum: DUO stuurt een brief en 'verwijtbaar: Nee' mag worden gemeld."),
        new("termijn.overschreden",
            (Func<string, string, bool>)((einde, peildatum) => Date(peildatum, "peildatum") >= Date(einde, "einde")),
            "Waar als de inburgeringstermijn op de peildatum is overschreden (peildatum op of na de einddatum)."),
        new("pip.uiterlijk",
            (Func<string, string?, string>)((kennisgeving, brpInschrijving) =>
                PipTermijn.Uiterlijk(Date(kennisgeving, "kennisgeving"), OptionalDate(brpInschrijving, "brpInschrijving"), _normen).Iso),
            "Uiterlijke datum om het PIP vast te stellen: tien weken na de kennisgeving van DUO, of na de BRP-inschrijving als die later is."),
        new("pip.uiterlijkMetDerden",
            (Func<string, string, string>)((uiterlijk, informatieOntvangen) =>
                PipTermijn.UiterlijkMetDerden(new Deadline(Date(uiterlijk, "uiterlijk"), string.Empty), Date(informatieOntvangen, "informatieOntvangen"), _normen).Iso),
            "Uiterlijke PIP-datum als informatie van derden nodig was: hooguit twee weken nadat die binnenkwam, nooit eerder dan de gewone termijn."),
        new("pip.escalatie",
            (Func<string, double, string>)((uiterlijk, wekenVooraf) => Iso(Period.OfWeeks(Whole(wekenVooraf, "wekenVooraf")).SubtractFrom(Date(uiterlijk, "uiterlijk")))),
            "Datum om te escaleren: het opgegeven aantal weken voor de uiterlijke PIP-datum (uit het gemeentebeleid)."),
        new("ontzorging.einde",
            (Func<string, double, string?, string>)((bijstandStart, maanden, bijstandEinde) =>
                Iso(Ontzorging.Plan(Date(bijstandStart, "bijstandStart"), Period.OfMonths(Whole(maanden, "maanden")), OptionalDate(bijstandEinde, "bijstandEinde"), _normen).Einde)),
            "Einde van het financieel ontzorgen (exclusief): het aantal maanden uit het beleid (minimaal zes) na de start van de bijstand, of eerder als de bijstand eindigt."),
        new("voortgang.volgende",
            (Func<string, string?, double, string>)((pipDagtekening, laatsteGesprek, intervalMaanden) =>
                Voortgangsgesprekken.Volgende(Date(pipDagtekening, "pipDagtekening"), OptionalDate(laatsteGesprek, "laatsteGesprek"), Whole(intervalMaanden, "intervalMaanden")).Iso),
            "Datum van het volgende voortgangsgesprek: het interval uit het gemeentebeleid na het laatste gesprek, of na het PIP als er nog geen was."),
        new("voortgang.achterstallig",
            (Func<string, string?, double, double, string, bool>)((pipDagtekening, laatsteGesprek, intervalMaanden, margeDagen, peildatum) =>
                Voortgangsgesprekken.Status(Date(pipDagtekening, "pipDagtekening"), OptionalDate(laatsteGesprek, "laatsteGesprek"),
                    Whole(intervalMaanden, "intervalMaanden"), Whole(margeDagen, "margeDagen"), Date(peildatum, "peildatum")).IsAchterstallig),
            "Waar als het voortgangsgesprek op de peildatum achterstallig is (ouder dan interval plus marge)."),
        new("leerroute.wisselenTot",
            (Func<string, string>)(termijnStart => Iso(LeerrouteWissel.WisselenTot(Date(termijnStart, "termijnStart"), _normen))),
            "Eerste dag waarop de leerroute niet meer kan wisselen (anderhalf jaar na de start van de termijn); van onderwijsroute naar B1-route kan altijd."),
        new("leerroute.magWisselen",
            (Func<string, string, string?, string, bool>)((van, naar, termijnStart, datum) =>
                LeerrouteWissel.Decide(LeerrouteExtensions.Parse(van), LeerrouteExtensions.Parse(naar), OptionalDate(termijnStart, "termijnStart"), Date(datum, "datum"), _normen).IsAllowed),
            "Waar als de leerroute op de datum mag wisselen (van en naar: B1Route, ZRoute, Onderwijsroute of B, Z, O)."),
        new("termijn.vooraf",
            (Func<string, string, string>)((datum, periode) => Iso(Period.ParseIso8601(periode).SubtractFrom(Date(datum, "datum")))),
            "De datum een periode (ISO 8601, bijvoorbeeld P1M) vóór een datum: om vooraf te waarschuwen, zoals een maand voordat het wisselvenster sluit."),
        new("voortgang.margeTot",
            (Func<string, string?, double, double, string>)((pipDagtekening, laatsteGesprek, intervalMaanden, margeDagen) =>
                Iso(Voortgangsgesprekken.Status(Date(pipDagtekening, "pipDagtekening"), OptionalDate(laatsteGesprek, "laatsteGesprek"),
                    Whole(intervalMaanden, "intervalMaanden"), Whole(margeDagen, "margeDagen"), Date(pipDagtekening, "pipDagtekening")).MargeTot)),
            "Laatste dag waarop het volgende voortgangsgesprek nog op tijd is (de datum van het volgende gesprek plus de marge uit het beleid); daarna is het achterstallig."),
        new("voortgang.achterstalligVanaf",
            (Func<string, string?, double, double, string>)((pipDagtekening, laatsteGesprek, intervalMaanden, margeDagen) =>
                Iso(Voortgangsgesprekken.Status(Date(pipDagtekening, "pipDagtekening"), OptionalDate(laatsteGesprek, "laatsteGesprek"),
                    Whole(intervalMaanden, "intervalMaanden"), Whole(margeDagen, "margeDagen"), Date(pipDagtekening, "pipDagtekening")).MargeTot.AddDays(1))),
            "Eerste dag waarop het voortgangsgesprek achterstallig is (de dag na de marge): het moment voor het signaal."),
        new("ontzorging.evaluatieOp",
            (Func<string, string>)(einde => Iso(Date(einde, "einde").AddDays(-1))),
            "Datum van de evaluatie van het financieel ontzorgen: de laatste dag van de periode (de dag voor de exclusieve einddatum)."),
        new("ontzorging.verleng",
            (Func<string, double, string?, string>)((einde, maanden, bijstandEinde) => Iso(VerlengOntzorging(Date(einde, "einde"), Whole(maanden, "maanden"), OptionalDate(bijstandEinde, "bijstandEinde")))),
            "Nieuwe einddatum (exclusief) van het ontzorgen na een evaluatie met 'verlengen' (Participatiewet art. 57): het aantal maanden erbij, maar nooit na het einde van de bijstand."),
        new("timer.tijdstip",
            (Func<string, string>)(datum => BpmnTimer.TimeDate(Date(datum, "datum"))),
            "ISO 8601-tijdstip voor een BPMN timeDate: 08:00 op die datum in Nederlandse tijd, bijvoorbeeld 2025-03-15T08:00:00+01:00."),
    ];

    private DateOnly Verleng(DateOnly einde, string grond, double? overigeMaanden)
    {
        var verlenging = grond switch
        {
            "automatisch" => Verlenging.Automatisch(_normen),
            "bevalling" => Verlenging.Bevalling(_normen),
            "overig" when overigeMaanden is { } m => Verlenging.Overig(Period.OfMonths(Whole(m, "overigeMaanden"))),
            "overig" => throw new ArgumentException("Bij grond 'overig' hoort een aantal maanden."),
            _ => throw new ArgumentException($"'{grond}' is geen verlengingsgrond; gebruik 'automatisch', 'bevalling' of 'overig'."),
        };
        return verlenging.Duur.AddTo(einde);
    }

    private static DateOnly VerlengOntzorging(DateOnly einde, int maanden, DateOnly? bijstandEinde) =>
        Ontzorging.Verleng(einde, Period.OfMonths(maanden), bijstandEinde);

    private static string Iso(DateOnly date) => Dates.Iso(date);

    private static DateOnly Date(string? value, string name) =>
        value is null ? throw new ArgumentNullException(name, $"{name} is verplicht.") : Dates.ParseIso(value, name);

    private static DateOnly? OptionalDate(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null : Dates.ParseIso(value, name);

    private static int Whole(double value, string name) =>
        double.IsFinite(value) && Math.Abs(value - Math.Round(value)) < 1e-9 && Math.Abs(value) <= int.MaxValue
            ? (int)Math.Round(value)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} moet een geheel getal zijn, niet {value}."), name);
}
