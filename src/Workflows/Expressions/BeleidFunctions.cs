using System.ComponentModel;
using Inburgering.Engine.Expressions;
using Inburgering.Workflows.Doelgroepen;
using Inburgering.Workflows.Handhaving;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Policy;

namespace Inburgering.Workflows.Expressions;

/// <summary>
/// The gemeente's policy (workflow-definitions/gemeenten/*.json, through <see cref="PolicyCatalog"/>) for BPMN
/// expressions, under <c>beleid.*</c>: one set of process definitions for every gemeente of an organisation, the local
/// differences read here (<c>beleid.voortgangsIntervalMaanden(execution.gemeente)</c>). Numbers come back as doubles,
/// lists as comma-separated text; an unknown gemeente is an error (an incident on the instance), never a silent default.
/// </summary>
public sealed class BeleidFunctions(PolicyCatalog catalog) : IExpressionFunctionProvider
{
    /// <summary>The candidate groups (roles) of a four-eyes task: casusregisseur = consulent, maatschappelijk begeleider = begeleider.</summary>
    public const string VierOgenRollen = "consulent,begeleider";

    public IEnumerable<ExpressionFunction> Functions =>
    [
        new("beleid.gemeenteNaam", (Func<string, string>)(g => For(g).Naam), "Naam van de gemeente (CBS-code → naam)."),
        new("beleid.organisatie", (Func<string, string>)(g => For(g).OrganisatieNaam), "De organisatie die de regie voert voor de gemeente (bijvoorbeeld Ferm Werk)."),
        new("beleid.vierOgen", (Func<string, bool>)(g => For(g).VierOgen), "Waar als in de gemeente het vier-ogen-principe geldt (brede intake en formele voortgangsgesprekken met casusregisseur en maatschappelijk begeleider)."),
        ExpressionFunction.Named("beleid.vierOgenRollen",
            (VierOgenInput i) => For(i.Gemeente).VierOgen && i.MaatschappelijkeBegeleiding ? VierOgenRollen : string.Empty,
            "De rollen voor een vier-ogen-taak (\"consulent,begeleider\"), of leeg als het beleid geen vier ogen vraagt of de inburgeraar geen maatschappelijk begeleider heeft (alleen asielstatushouders hebben er een)."),
        new("beleid.voortgangsIntervalMaanden", (Func<string, double>)(g => For(g).VoortgangsgesprekIntervalMaanden), "Om de hoeveel maanden een voortgangsgesprek (beleid van de gemeente; er is geen wettelijk minimum)."),
        new("beleid.voortgangsMargeDagen", (Func<string, double>)(g => For(g).VoortgangsgesprekMargeDagen), "Hoeveel dagen een voortgangsgesprek later mag zijn voordat het achterstallig is."),
        new("beleid.voortgangsVoorlooptijdWeken", (Func<string, double>)(g => For(g).VoortgangsgesprekVoorlooptijdWeken),
            "Hoeveel weken voor de datum van een voortgangsgesprek de taak komt, om het voor te bereiden (voortgangsgesprek.voorlooptijdWeken, standaard 2)."),
        new("beleid.noaAssessment", (Func<string, bool>)(g => For(g).NoaAssessment),
            "Waar als de brede intake het NOA-assessment omvat, vóór het PIP (beleid noaAssessment; WerkSaam, seed 004)."),
        new("beleid.brpControleInterval", (Func<string, string>)(g => $"P{For(g).BrpControleIntervalWeken}W"), "Om de hoeveel tijd (ISO-duur, bv. P4W) een lopend traject in de BRP nagaat of de inburgeraar nog in de gemeente woont."),
        new("beleid.pipEscalatieWekenVooraf", (Func<string, double>)(g => For(g).PipEscalatieWekenVooraf), "Hoeveel weken voor de uiterlijke PIP-datum wordt geëscaleerd."),
        ExpressionFunction.Named("beleid.taalaanbieder", (TaalaanbiederInput i) => Taalaanbieder(i).PartnerId,
            "Partner-id van de taalaanbieder voor de leerroute (B, Z, O of B1Route, ZRoute, Onderwijsroute) in de arbeidsmarktregio van de gemeente."),
        ExpressionFunction.Named("beleid.taalaanbiederNaam", (TaalaanbiederInput i) => Taalaanbieder(i).Naam,
            "Naam van de taalaanbieder voor de leerroute in de arbeidsmarktregio van de gemeente."),
        ExpressionFunction.Named("beleid.taalaanbiederInstelling", (TaalaanbiederInput i) => Taalaanbieder(i).DuoInstellingsnummer,
            "DUO-instellingsnummer van de taalaanbieder voor de leerroute (voor het inburgeringsaanbod), of null als het beleid het niet noemt."),
        new("beleid.duoContactpersoonNaam", (Func<string, string>)(g => For(g).DuoContactpersoon.Naam),
            "Naam van de contactpersoon van de gemeente voor DUO (gedeeld door de inburgeraars voor wie de consulent geen eigen gegevens geeft)."),
        new("beleid.duoContactpersoonEmail", (Func<string, string>)(g => For(g).DuoContactpersoon.Email), "E-mailadres van de contactpersoon van de gemeente voor DUO."),
        new("beleid.duoContactpersoonTelefoon", (Func<string, string>)(g => For(g).DuoContactpersoon.Telefoonnummer), "Telefoonnummer van de contactpersoon van de gemeente voor DUO."),
        new("beleid.duoContactpersoonId", (Func<string, double?>)(g => For(g).DuoContactpersoon.DuoId),
            "Het id dat DUO gaf aan de contactpersoon van de gemeente (eenmalig geregistreerd), of null: dan registreert de keten de contactpersoon per inburgeraar."),
        new("beleid.maatschappelijkeBegeleiding", (Func<string, string>)(g => For(g).MaatschappelijkeBegeleiding.Naam), "Wie de maatschappelijke begeleiding doet."),
        new("beleid.financieleZelfredzaamheid", (Func<string, string>)(g => For(g).FinancieleZelfredzaamheid.Naam), "Wie de financiële zelfredzaamheid bevordert."),
        new("beleid.ontzorgingDuurMaanden", (Func<string, double>)(g => For(g).Ontzorging.DuurMaanden), "Hoeveel maanden het financieel ontzorgen duurt (minimaal 6)."),
        new("beleid.ontzorgingEvaluatieVoorlooptijdWeken", (Func<string, double>)(g => For(g).Ontzorging.EvaluatieVoorlooptijdWeken),
            "Hoeveel weken voor het einde van de ontzorgingsperiode de evaluatietaak komt (ontzorging.evaluatieVoorlooptijdWeken, standaard 4)."),
        new("beleid.ontzorgingKostenposten", (Func<string, string>)(g => string.Join(',', For(g).Ontzorging.Kostenposten)),
            "De vaste lasten die bij ontzorgen uit de bijstand worden betaald, met komma's gescheiden (bijvoorbeeld huur,energie,water,zorgverzekering)."),
        new("beleid.casuistiekoverlegPeriodiek", (Func<string, bool>)(g => For(g).Casuistiekoverleg.Vorm == Casuistiekoverlegvorm.Periodiek),
            "Waar als de gemeente een periodiek casuïstiekoverleg heeft; onwaar bij ad hoc ('we weten elkaar te vinden')."),
        new("beleid.interventieBesprekenBinnen", (Func<string, string>)(g => BesprekenBinnen(For(g).Casuistiekoverleg)),
            "Binnen welke periode (ISO 8601) een interventie wordt besproken: het interval van het periodieke casuïstiekoverleg, of één week bij ad-hocoverleg."),
        new("beleid.zienswijzeTermijnWeken", (Func<string, double>)(g => For(g).Handhaving.ZienswijzeTermijnWeken),
            "Hoeveel weken de inburgeraar heeft voor een zienswijze op het voornemen tot een boete (Awb 4:8, 5:53; beleid, standaard twee)."),
        new("beleid.mandaatPipVaststellen", (Func<string, string>)(g => For(g).Mandaat.PipVaststellen),
            "Wie het PIP in mandaat vaststelt: de rol(len) van de taak, met komma's gescheiden (consulent, beheerder)."),
        ExpressionFunction.Named("beleid.duoResultaatboete", (ResultaatboeteInput i) => Resultaatboete(i).IsAllowed,
            "Waar als DUO voor deze doelgroep een resultaatboete kan opleggen; voor asielstatushouders alleen als het beleid dat aanzet (uitspraken 2025)."),
        ExpressionFunction.Named("beleid.duoResultaatboeteReden", (ResultaatboeteInput i) => Resultaatboete(i).Reason,
            "De uitleg bij beleid.duoResultaatboete."),
    ];

    /// <summary>Ad hoc overleg: within a week (an assumption; the memo says only "we weten elkaar te vinden").</summary>
    private static string BesprekenBinnen(Casuistiekoverleg overleg) =>
        overleg.Vorm == Casuistiekoverlegvorm.Periodiek && overleg.Interval is { } interval ? interval.ToIso8601() : "P1W";

    private Ketenpartner Taalaanbieder(TaalaanbiederInput input) => For(input.Gemeente).TaalaanbiederFor(LeerrouteExtensions.Parse(input.Leerroute));

    private Decision Resultaatboete(ResultaatboeteInput input) =>
        DuoResultaatboete.Applies(RegelFunctions.ParseDoelgroep(input.Doelgroep), For(input.Gemeente).Handhaving);

    private Gemeentebeleid For(string gemeente) =>
        catalog.TryFor(gemeente, out var beleid)
            ? beleid
            : throw new ArgumentException($"Er is geen beleid voor gemeente '{gemeente}' (workflow-definitions/gemeenten).", nameof(gemeente));

    public sealed record VierOgenInput(
        [property: Description("CBS-code van de gemeente (execution.gemeente).")] string Gemeente,
        [property: Description("Of de inburgeraar maatschappelijke begeleiding krijgt (regel.maatschappelijkeBegeleiding).")] bool MaatschappelijkeBegeleiding);

    public sealed record TaalaanbiederInput(
        [property: Description("CBS-code van de gemeente (execution.gemeente).")] string Gemeente,
        [property: Description("Leerroute: B, Z, O (of B1Route, ZRoute, Onderwijsroute).")] string Leerroute);

    public sealed record ResultaatboeteInput(
        [property: Description("CBS-code van de gemeente (execution.gemeente).")] string Gemeente,
        [property: Description("Doelgroep (Asielstatushouder, Gezinsmigrant, OverigeMigrant).")] string Doelgroep);
}
