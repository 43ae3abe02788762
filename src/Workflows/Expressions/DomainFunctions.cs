using System.ComponentModel;
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
        ExpressionFunction.Named("termijn.verleng",
            (VerlengInput i) => Iso(Verleng(Date(i.Einde, "einde"), i.Grond, i.OverigeMaanden)),
            "Nieuwe einddatum na een verlenging door DUO: grond 'automatisch' (+6 maanden), 'bevalling' (+16 weken) of 'overig' (+ het opgegeven aantal maanden)."),
        new("termijn.tweeMaandenVoorEinde",
            (Func<string, string>)(einde => Iso(_normen.VensterVoorEinde.SubtractFrom(Date(einde, "einde")))),
            "Twee maanden voor de einddatum: DUO stuurt een brief en 'verwijtbaar: Nee' mag worden gemeld."),
        ExpressionFunction.Named("termijn.overschreden",
            (OverschredenInput i) => Date(i.Peildatum, "peildatum") >= Date(i.Einde, "einde"),
            "Waar als de inburgeringstermijn op de peildatum is overschreden (peildatum op of na de einddatum)."),
        ExpressionFunction.Named("pip.uiterlijk",
            (PipUiterlijkInput i) => PipTermijn.Uiterlijk(Date(i.Kennisgeving, "kennisgeving"), OptionalDate(i.BrpInschrijving, "brpInschrijving"), _normen).Iso,
            "Uiterlijke datum om het PIP vast te stellen: tien weken na de kennisgeving van DUO, of na de BRP-inschrijving als die later is."),
        ExpressionFunction.Named("pip.uiterlijkMetDerden",
            (PipMetDerdenInput i) =>
                PipTermijn.UiterlijkMetDerden(new Deadline(Date(i.Uiterlijk, "uiterlijk"), string.Empty), Date(i.InformatieOntvangen, "informatieOntvangen"), _normen).Iso,
            "Uiterlijke PIP-datum als informatie van derden nodig was: hooguit twee weken nadat die binnenkwam, nooit eerder dan de gewone termijn."),
        new("pip.verstrekenOp",
            (Func<string, string>)(uiterlijk => Iso(PipTermijn.VerstrekenOp(Date(uiterlijk, "uiterlijk")))),
            "De eerste dag waarop de PIP-termijn verstreken is: de dag na de uiterlijke PIP-datum (een PIP op de laatste dag is op tijd)."),
        ExpressionFunction.Named("pip.opTijd",
            (PipOpTijdInput i) => PipTermijn.OpTijd(Date(i.VastgesteldOp, "vastgesteldOp"), Date(i.Uiterlijk, "uiterlijk")),
            "Waar als het PIP op of voor de uiterlijke PIP-datum is vastgesteld."),
        ExpressionFunction.Named("pip.escalatie",
            (PipEscalatieInput i) => Iso(Period.OfWeeks(Whole(i.WekenVooraf, "wekenVooraf")).SubtractFrom(Date(i.Uiterlijk, "uiterlijk"))),
            "Datum om te escaleren: het opgegeven aantal weken voor de uiterlijke PIP-datum (uit het gemeentebeleid)."),
        ExpressionFunction.Named("ontzorging.einde",
            (OntzorgingEindeInput i) =>
                Iso(Ontzorging.Plan(Date(i.BijstandStart, "bijstandStart"), Period.OfMonths(Whole(i.Maanden, "maanden")), OptionalDate(i.BijstandEinde, "bijstandEinde"), _normen).Einde),
            "Einde van het financieel ontzorgen (exclusief): het aantal maanden uit het beleid (minimaal zes) na de start van de bijstand, of eerder als de bijstand eindigt."),
        ExpressionFunction.Named("voortgang.volgende",
            (VolgendeInput i) =>
                Voortgangsgesprekken.Volgende(Date(i.PipDagtekening, "pipDagtekening"), OptionalDate(i.LaatsteGesprek, "laatsteGesprek"), Whole(i.IntervalMaanden, "intervalMaanden")).Iso,
            "Datum van het volgende voortgangsgesprek: het interval uit het gemeentebeleid na het laatste gesprek, of na het PIP als er nog geen was."),
        ExpressionFunction.Named("voortgang.achterstallig",
            (AchterstalligInput i) =>
                Voortgangsgesprekken.Status(Date(i.PipDagtekening, "pipDagtekening"), OptionalDate(i.LaatsteGesprek, "laatsteGesprek"),
                    Whole(i.IntervalMaanden, "intervalMaanden"), Whole(i.MargeDagen, "margeDagen"), Date(i.Peildatum, "peildatum")).IsAchterstallig,
            "Waar als het voortgangsgesprek op de peildatum achterstallig is (ouder dan interval plus marge)."),
        new("leerroute.wisselenTot",
            (Func<string, string>)(termijnStart => Iso(LeerrouteWissel.WisselenTot(Date(termijnStart, "termijnStart"), _normen))),
            "Eerste dag waarop de leerroute niet meer kan wisselen (anderhalf jaar na de start van de termijn); van onderwijsroute naar B1-route kan altijd."),
        ExpressionFunction.Named("leerroute.magWisselen",
            (RegelFunctions.WisselInput i) =>
                LeerrouteWissel.Decide(LeerrouteExtensions.Parse(i.Van), LeerrouteExtensions.Parse(i.Naar), OptionalDate(i.TermijnStart, "termijnStart"), Date(i.Datum, "datum"), _normen).IsAllowed,
            "Waar als de leerroute op de datum mag wisselen (van en naar: B1Route, ZRoute, Onderwijsroute of B, Z, O)."),
        ExpressionFunction.Named("termijn.vooraf",
            (VoorafInput i) => Iso(Period.ParseIso8601(i.Periode).SubtractFrom(Date(i.Datum, "datum"))),
            "De datum een periode (ISO 8601, bijvoorbeeld P1M) vóór een datum: om vooraf te waarschuwen, zoals een maand voordat het wisselvenster sluit."),
        ExpressionFunction.Named("voortgang.margeTot",
            (VoortgangInput i) => Iso(Status(i).MargeTot),
            "Laatste dag waarop het volgende voortgangsgesprek nog op tijd is (de datum van het volgende gesprek plus de marge uit het beleid); daarna is het achterstallig."),
        ExpressionFunction.Named("voortgang.achterstalligVanaf",
            (VoortgangInput i) => Iso(Status(i).MargeTot.AddDays(1)),
            "Eerste dag waarop het voortgangsgesprek achterstallig is (de dag na de marge): het moment voor het signaal."),
        new("ontzorging.evaluatieOp",
            (Func<string, string>)(einde => Iso(Date(einde, "einde").AddDays(-1))),
            "Datum van de evaluatie van het financieel ontzorgen: de laatste dag van de periode (de dag voor de exclusieve einddatum)."),
        ExpressionFunction.Named("ontzorging.verleng",
            (OntzorgingVerlengInput i) => Iso(VerlengOntzorging(Date(i.Einde, "einde"), Whole(i.Maanden, "maanden"), OptionalDate(i.BijstandEinde, "bijstandEinde"))),
            "Nieuwe einddatum (exclusief) van het ontzorgen na een evaluatie met 'verlengen' (Participatiewet art. 57): het aantal maanden erbij, maar nooit na het einde van de bijstand."),
        new("leerroute.uitAdvies",
            (Func<string?, string>)(advies => LeerrouteUitAdvies(advies).ToDuoCode()),
            "DUO-code (B, Z of O) van de leerroute die de toetsafnemer adviseert ('B1', 'B1-route', 'Z-route', 'Onderwijsroute', of een code); zonder advies de B1-route."),
        new("datum.tekst",
            (Func<string?, string>)BpmnTimer.Readable,
            "Een datum of tijdstip zoals een mens het leest, in Nederlandse tijd: '14 december 2026 om 10:30' (een datum alleen: '14 december 2026'); leeg blijft leeg."),
        ExpressionFunction.Named("awb.zienswijzeUiterlijk",
            (ZienswijzeInput i) => Iso(AwbTermijnen.ZienswijzeUiterlijk(Date(i.Verzonden, "verzonden"), Whole(i.Weken, "weken"))),
            "Laatste dag voor een zienswijze op het voornemen (Awb 4:8, 5:53): het aantal weken uit het beleid na de verzending, op een werkdag (Algemene termijnenwet)."),
        new("awb.boetebesluitUiterlijk",
            (Func<string, string>)(rapport => Iso(AwbTermijnen.BoetebesluitUiterlijk(Date(rapport, "rapport")))),
            "Laatste dag voor het boetebesluit: dertien weken na de dagtekening van het rapport (Awb 5:51 lid 1)."),
        new("awb.bezwaartermijnEinde",
            (Func<string, string>)(bekendmaking => Iso(AwbTermijnen.BezwaartermijnEinde(Date(bekendmaking, "bekendmaking")))),
            "Laatste dag van de bezwaartermijn: zes weken vanaf de dag na de bekendmaking (Awb 6:7, 6:8), op een werkdag (Algemene termijnenwet)."),
        new("awb.onherroepelijkOp",
            (Func<string, string>)(bekendmaking => Iso(AwbTermijnen.OnherroepelijkOp(Date(bekendmaking, "bekendmaking")))),
            "Eerste dag waarop het besluit onherroepelijk is als er geen bezwaar kwam: de dag na de bezwaartermijn."),
        ExpressionFunction.Named("awb.bezwaarTijdig",
            (BezwaarInput i) => AwbTermijnen.BezwaarTijdig(Date(i.Ontvangen, "ontvangen"), Date(i.Bekendmaking, "bekendmaking")),
            "Waar als het bezwaarschrift voor het einde van de bezwaartermijn is ontvangen (Awb 6:9)."),
        ExpressionFunction.Named("awb.beslissingOpBezwaarUiterlijk",
            (BeslissingOpBezwaarInput i) => Iso(AwbTermijnen.BeslissingOpBezwaarUiterlijk(Date(i.Bekendmaking, "bekendmaking"), i.Adviescommissie)),
            "Laatste dag voor de beslissing op bezwaar: zes weken na de bezwaartermijn, twaalf met een adviescommissie (Awb 7:10 lid 1)."),
        new("awb.dagNa",
            (Func<string, string>)(datum => Iso(Date(datum, "datum").AddDays(1))),
            "De dag na een datum: het moment waarop een termijn die op die dag eindigt, verstreken is."),
        new("timer.tijdstip",
            (Func<string, string>)(datum => BpmnTimer.TimeDate(Date(datum, "datum"))),
            "ISO 8601-tijdstip voor een BPMN timeDate: 08:00 op die datum in Nederlandse tijd, bijvoorbeeld 2025-03-15T08:00:00+01:00."),
    ];

    private static Voortgangsstatus Status(VoortgangInput i) =>
        Voortgangsgesprekken.Status(Date(i.PipDagtekening, "pipDagtekening"), OptionalDate(i.LaatsteGesprek, "laatsteGesprek"),
            Whole(i.IntervalMaanden, "intervalMaanden"), Whole(i.MargeDagen, "margeDagen"), Date(i.PipDagtekening, "pipDagtekening"));

    /// <summary>The toetsafnemer's advice as a leerroute (any spelling of the keten, <see cref="LeerrouteExtensions"/>); B1 by default.</summary>
    internal static Leerroute LeerrouteUitAdvies(string? advies) =>
        string.IsNullOrWhiteSpace(advies) ? Leerroute.B1Route : Leerroute.Parse(advies);

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

    public sealed record VerlengInput(
        [property: Description("Huidige einddatum van de termijn (yyyy-MM-dd, exclusief).")] string Einde,
        [property: Description("Grond: automatisch (+6 maanden), bevalling (+16 weken) of overig.")] string Grond,
        [property: Description("Bij grond overig: het aantal maanden erbij.")] double? OverigeMaanden = null);

    public sealed record OverschredenInput(
        [property: Description("Einddatum van de termijn (yyyy-MM-dd, exclusief).")] string Einde,
        [property: Description("De dag waarop wordt gecontroleerd (yyyy-MM-dd).")] string Peildatum);

    public sealed record PipUiterlijkInput(
        [property: Description("Datum van de kennisgeving van DUO (yyyy-MM-dd).")] string Kennisgeving,
        [property: Description("Datum van de BRP-inschrijving (yyyy-MM-dd), of leeg.")] string? BrpInschrijving = null);

    public sealed record PipMetDerdenInput(
        [property: Description("De gewone uiterlijke PIP-datum (yyyy-MM-dd).")] string Uiterlijk,
        [property: Description("Datum waarop de informatie van derden binnenkwam (yyyy-MM-dd).")] string InformatieOntvangen);

    public sealed record PipOpTijdInput(
        [property: Description("Datum waarop het PIP is vastgesteld (yyyy-MM-dd).")] string VastgesteldOp,
        [property: Description("Uiterlijke PIP-datum (yyyy-MM-dd).")] string Uiterlijk);

    public sealed record PipEscalatieInput(
        [property: Description("Uiterlijke PIP-datum (yyyy-MM-dd).")] string Uiterlijk,
        [property: Description("Aantal weken vooraf (gemeentebeleid: beleid.pipEscalatieWekenVooraf).")] double WekenVooraf);

    public sealed record OntzorgingEindeInput(
        [property: Description("Ingangsdatum van de bijstand (yyyy-MM-dd).")] string BijstandStart,
        [property: Description("Aantal maanden ontzorgen (beleid.ontzorgingDuurMaanden, minimaal 6).")] double Maanden,
        [property: Description("Einddatum van de bijstand (yyyy-MM-dd), of leeg.")] string? BijstandEinde = null);

    public sealed record VolgendeInput(
        [property: Description("Dagtekening van het actuele PIP (yyyy-MM-dd).")] string PipDagtekening,
        [property: Description("Datum van het laatste voortgangsgesprek (yyyy-MM-dd), of leeg als er nog geen was.")] string? LaatsteGesprek,
        [property: Description("Interval in maanden (beleid.voortgangsIntervalMaanden).")] double IntervalMaanden);

    public sealed record VoortgangInput(
        [property: Description("Dagtekening van het actuele PIP (yyyy-MM-dd).")] string PipDagtekening,
        [property: Description("Datum van het laatste voortgangsgesprek (yyyy-MM-dd), of leeg als er nog geen was.")] string? LaatsteGesprek,
        [property: Description("Interval in maanden (beleid.voortgangsIntervalMaanden).")] double IntervalMaanden,
        [property: Description("Marge in dagen (beleid.voortgangsMargeDagen).")] double MargeDagen);

    public sealed record AchterstalligInput(
        [property: Description("Dagtekening van het actuele PIP (yyyy-MM-dd).")] string PipDagtekening,
        [property: Description("Datum van het laatste voortgangsgesprek (yyyy-MM-dd), of leeg als er nog geen was.")] string? LaatsteGesprek,
        [property: Description("Interval in maanden (beleid.voortgangsIntervalMaanden).")] double IntervalMaanden,
        [property: Description("Marge in dagen (beleid.voortgangsMargeDagen).")] double MargeDagen,
        [property: Description("De dag waarop wordt gecontroleerd (yyyy-MM-dd).")] string Peildatum);

    public sealed record VoorafInput(
        [property: Description("De datum (yyyy-MM-dd).")] string Datum,
        [property: Description("De periode ervoor (ISO 8601, bijvoorbeeld P1M).")] string Periode);

    public sealed record ZienswijzeInput(
        [property: Description("Datum waarop het voornemen is verzonden (yyyy-MM-dd).")] string Verzonden,
        [property: Description("Zienswijzetermijn in weken (beleid.zienswijzeTermijnWeken).")] double Weken);

    public sealed record BezwaarInput(
        [property: Description("Datum waarop het bezwaarschrift is ontvangen (yyyy-MM-dd).")] string Ontvangen,
        [property: Description("Datum van de bekendmaking van het besluit (yyyy-MM-dd).")] string Bekendmaking);

    public sealed record BeslissingOpBezwaarInput(
        [property: Description("Datum van de bekendmaking van het besluit (yyyy-MM-dd).")] string Bekendmaking,
        [property: Description("Of een adviescommissie het bezwaar behandelt (Awb 7:13).")] bool Adviescommissie = false);

    public sealed record OntzorgingVerlengInput(
        [property: Description("Huidige einddatum van het ontzorgen (yyyy-MM-dd, exclusief).")] string Einde,
        [property: Description("Aantal maanden erbij (minstens één).")] double Maanden,
        [property: Description("Einddatum van de bijstand (yyyy-MM-dd), of leeg.")] string? BijstandEinde = null);
}
