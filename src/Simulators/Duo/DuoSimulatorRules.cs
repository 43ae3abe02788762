using System.Diagnostics.CodeAnalysis;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Workflows;
using Inburgering.Workflows.Doelgroepen;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Personen;

namespace Inburgering.Simulators.Duo;

/// <summary>
/// DUO's business rules from duo-m2m/README.md, as the simulator applies them. Each returns DUO's Dutch
/// foutteksten (empty: accepted). Pure: the person, the request and today go in.
/// </summary>
public static class DuoSimulatorRules
{
    /// <summary>README "Voorwaarden Gegevensuitwisseling / Scope": is the person relevant for the asking gemeente?</summary>
    public static bool IsRelevant(DuoSimPersoon persoon, string gemeente, DateOnly today) =>
        persoon.Gemeentecode == gemeente
        || persoon.ActuelePipGemeente == gemeente
        || (persoon.VorigePipGemeente == gemeente && persoon.ActuelePip is { } actueel && today < actueel.DagtekeningPip.AddMonths(1));

    /// <summary>DUO's foutteksten for the PIP rules (duo-m2m README), by the code of the domain's rule.</summary>
    private static readonly Dictionary<string, string> PipFoutteksten = new(StringComparer.Ordinal)
    {
        [PipValidation.DagtekeningVoorPlicht] = "De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen.",
        [PipValidation.DagtekeningVoorInitielePip] = "De datum dagtekening mag bij een gewijzigde PIP niet voor de datum dagtekening van de initiële PIP liggen.",
        [PipValidation.DagtekeningVoorActuelePip] = "De datum dagtekening mag bij een gewijzigde PIP niet voor de datum dagtekening van de actuele PIP liggen.",
        [PipValidation.DagtekeningVoorVestiging] = "De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente liggen.",
        [PipValidation.A2MetOnderwijsroute] = "Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd.",
        [PipValidation.B1MetZRoute] = "Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd.",
        [PipValidation.A2OpEersteB1Pip] = "Niveau A2 mag niet in combinatie met de B1-route worden aangeleverd bij de eerste PIP van de persoon.",
        [PipValidation.IntensiteitAlleenB1Route] = "Geschatte intensiteit B1 route mag alleen aangeleverd worden bij de B1-route en bij asielmigranten.",
        [PipValidation.IntensiteitAlleenAsiel] = "Geschatte intensiteit B1 route mag alleen aangeleverd worden bij de B1-route en bij asielmigranten.",
        [PipValidation.VerwijderenNaTermijn] = "Het PIP kan niet worden verwijderd: de inburgeringstermijn is al vastgesteld.",
        [PipValidation.VerwijderenNaUren] = "Het PIP kan niet worden verwijderd: er zijn al cursusdeelnameuren geregistreerd.",
    };

    /// <summary>
    /// README "Het aanleveren van een PIP": the domain's <see cref="PipValidation"/> (the rules the gemeente checks before it
    /// sends) over what DUO knows of the person, answered with DUO's own foutteksten.
    /// </summary>
    public static List<string> Pip(DuoSimPersoon persoon, DuoPip pip)
    {
        if (!Leerroute.TryParse(pip.Leerroute, out var leerroute, out var error) || !TryNiveau(pip.Niveau, out var niveau, out error))
        {
            return [error];
        }

        var context = new PipContext(
            Doelgroep.FromDuo(persoon.Doelgroep, persoon.GedetailleerdeDoelgroep),
            persoon.InburgeringsplichtBegindatum,
            persoon.DatumVestiging,
            persoon.EerstePip?.DagtekeningPip,
            persoon.ActuelePip?.DagtekeningPip);
        var result = PipValidation.Validate(new PipMelding(pip.DagtekeningPip, leerroute, niveau, pip.GeschatteIntensiteitB1Route), context);
        return Foutteksten(result.Violations, PipFoutteksten);
    }

    /// <summary>README "Niveau": without a niveau DUO sets B1 for the B1-route and the onderwijsroute (<see cref="PipValidation.EffectiveNiveau"/>).</summary>
    public static DuoPip WithDefaultNiveau(DuoPip pip) =>
        pip with { Niveau = PipValidation.EffectiveNiveau(Leerroute.FromDuoCode(pip.Leerroute), TryNiveau(pip.Niveau, out var niveau, out _) ? niveau : null)?.ToString() };

    /// <summary>README "Het verwijderen van een PIP" (<see cref="PipValidation.MayDelete"/>).</summary>
    public static List<string> PipVerwijderen(DuoSimPersoon persoon)
    {
        var decision = PipValidation.MayDelete(
            inburgeringstermijnVastgesteld: persoon.TermijnStart is not null,
            cursusurenGeregistreerd: persoon.Uren.Values.Any(u => u.ParticipatieAlsTaalles is { Uren: > 0 }));
        return decision.IsAllowed ? [] : [PipFoutteksten.GetValueOrDefault(decision.Code, decision.Reason)];
    }

    private static bool TryNiveau(string? text, out Niveau? niveau, [NotNullWhen(false)] out string? error)
    {
        niveau = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        var ok = Niveau.TryParse(text, out var parsed, out error);
        niveau = ok ? parsed : null;
        return ok;
    }

    /// <summary>DUO's text per violation (in the order found, each text once), the domain's own text where DUO has none.</summary>
    private static List<string> Foutteksten(IEnumerable<Violation> violations, Dictionary<string, string> teksten) =>
        violations.Select(v => teksten.GetValueOrDefault(v.Code, v.Message)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>README "Inburgeringsaanbod". The README's datumAanvangTaalschakeltraject/datumEindeCursus are not in the schema; see docs/partners/duo.md.</summary>
    public static List<string> Inburgeringsaanbod(DuoSimPersoon persoon, DuoInstelling? instelling, DuoInburgeringsaanbod aanbod)
    {
        var fouten = new List<string>();
        if (!Doelgroep.FromDuo(persoon.Doelgroep, persoon.GedetailleerdeDoelgroep).IsAsiel())
        {
            fouten.Add("Het inburgeringsaanbod kan alleen voor een asielmigrant worden geregistreerd.");
        }

        if (persoon.ActuelePip is not { } pip)
        {
            fouten.Add("De persoon heeft geen PIP.");
            return fouten;
        }

        if (instelling is null)
        {
            fouten.Add("De opleidingsinstelling is niet bekend bij DUO.");
        }
        else if (pip.Leerroute == "O" ? instelling.IndicatieTstKeurmerk != true : instelling.IndicatieBowKeurmerk != true)
        {
            fouten.Add(pip.Leerroute == "O"
                ? "De opleidingsinstelling is geen erkende Taalschakelinstelling (TST) voor de onderwijsroute."
                : "De opleidingsinstelling heeft geen keurmerk van Blik op Werk (BoW).");
        }

        DateOnly?[] data = [aanbod.DatumInburgeringsaanbod, aanbod.VerwachteStartdatumOpleiding, aanbod.VerwachteEinddatumOpleiding];
        if (data.Any(d => d < pip.DagtekeningPip))
        {
            fouten.Add("De data van het inburgeringsaanbod mogen niet voor de dagtekening van de actuele PIP liggen.");
        }

        if (aanbod.VerwachteStartdatumOpleiding < aanbod.DatumInburgeringsaanbod
            || aanbod.VerwachteEinddatumOpleiding < aanbod.VerwachteStartdatumOpleiding
            || aanbod.VerwachteEinddatumOpleiding < aanbod.DatumInburgeringsaanbod)
        {
            fouten.Add("De verwachte start- en einddatum van de opleiding mogen niet voor de datum inburgeringsaanbod of voor elkaar liggen.");
        }

        if (persoon.TermijnStart is { } start && persoon.TermijnEind is { } eind
            && (aanbod.VerwachteStartdatumOpleiding is { } s && (s < start || s >= eind)
                || aanbod.VerwachteEinddatumOpleiding is { } e && (e < start || e > eind)))
        {
            fouten.Add("De verwachte start- en einddatum van de opleiding mogen niet buiten de inburgeringstermijn liggen.");
        }

        return fouten;
    }

    /// <summary>
    /// README "Module Arbeidsmarkt en Participatie (MAP)" and "Participatieverklaringstraject (PVT)": the same eleven rules for
    /// both, the domain's <see cref="ResultaatValidation"/> over what DUO knows, answered with DUO's own foutteksten.
    /// <paramref name="wat"/> is "datum eindgesprek MAP" or "datum ondertekening PVT". A person without a termijn yet is
    /// checked as if it started and ended never: a date lies before it, 'Nee' comes too early, 'Ja' before any overschrijding.
    /// </summary>
    public static List<string> Resultaat(string wat, DuoSimResultaat? bestaand, DateOnly? datum, string? verwijtbaar, DuoSimPersoon persoon, string gemeente, DateOnly today)
    {
        if (!Verwijtbaar.TryParse(verwijtbaar, out var flag, out var error))
        {
            return [error];
        }

        var onderdeel = wat.Contains("MAP", StringComparison.Ordinal) ? Resultaatonderdeel.Map : Resultaatonderdeel.Pvt;
        var result = ResultaatValidation.Validate(
            new ResultaatMelding(onderdeel, datum, flag, IsWijziging: bestaand is not null),
            new ResultaatContext(
                persoon.TermijnStart ?? DateOnly.MaxValue,
                persoon.TermijnEind ?? DateOnly.MaxValue,
                today,
                GemeenteHeeftActuelePip: persoon.ActuelePipGemeente == gemeente,
                EerderGeleverdDoorGemeente: bestaand?.Gemeentecode == gemeente,
                VoldaanViaZRoute: persoon.VoldaanViaZroute,
                DatumAfrondingZRoute: persoon.ZrouteAfronding));
        return Foutteksten(result.Violations, ResultaatFoutteksten(wat));
    }

    /// <summary>DUO's foutteksten for the MAP and PVT rules (duo-m2m README), by the code of the domain's rule.</summary>
    private static Dictionary<string, string> ResultaatFoutteksten(string wat) => new(StringComparer.Ordinal)
    {
        [ResultaatValidation.WijzigingZonderEerdere] = $"Bij een wijziging moet de {wat} eerder door uw gemeente zijn geleverd.",
        [ResultaatValidation.GeenActuelePip] = "Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige.",
        [ResultaatValidation.AlVoldaanViaZRoute] = "De inburgeringsplicht is al voldaan via de Z-route.",
        [ResultaatValidation.DatumVoorTermijn] = $"De {wat} mag niet voor de startdatum van de inburgeringstermijn liggen.",
        [ResultaatValidation.DatumNaZRoute] = $"De {wat} mag niet na de datum afronding Z-route liggen.",
        [ResultaatValidation.DatumInToekomst] = $"De {wat} mag niet in de toekomst liggen.",
        [ResultaatValidation.IntrekkenNaZRoute] = $"Als de {wat} leeg is, dan mag de datum afronding Z-route niet geregistreerd zijn.",
        [ResultaatValidation.VerwijtbaarVerplicht] = "Zonder 'Verwijtbaar (Ja/Nee)' mag er geen sprake zijn van een overschrijding van de inburgeringstermijn.",
        [ResultaatValidation.VerwijtbaarNietBijTijdigResultaat] = $"Als de {wat} voor de einddatum van de inburgeringstermijn ligt, dan mag 'Verwijtbaar (Ja/Nee)' niet geleverd worden.",
        [ResultaatValidation.NeeTeVroeg] = "'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Nee' hebben als de einddatum van de inburgeringstermijn binnen twee maanden valt.",
        [ResultaatValidation.JaVoorOverschrijding] = "'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Ja' hebben als er sprake is van een overschrijding van de inburgeringstermijn.",
    };

    /// <summary>Z-route afronding: the README gives no rules; the simulator asks, as for MAP and PVT, a current PIP of the gemeente.</summary>
    public static List<string> Zroute(DuoSimPersoon persoon, string gemeente) =>
        persoon.ActuelePipGemeente == gemeente ? [] : ["Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige."];
}
