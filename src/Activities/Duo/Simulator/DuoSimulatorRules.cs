namespace Inburgering.Activities.Duo.Simulator;

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

    /// <summary>README "Het aanleveren van een PIP": dagtekening, niveau and geschatte intensiteit.</summary>
    public static List<string> Pip(DuoSimPersoon persoon, DuoPip pip)
    {
        var fouten = new List<string>();
        if (pip.DagtekeningPip < persoon.InburgeringsplichtBegindatum)
        {
            fouten.Add("De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen.");
        }

        if (persoon.EerstePip is { } eerste && pip.DagtekeningPip < eerste.DagtekeningPip)
        {
            fouten.Add("De datum dagtekening mag bij een gewijzigde PIP niet voor de datum dagtekening van de initiële PIP liggen.");
        }

        if (persoon.ActuelePip is { } actueel && pip.DagtekeningPip < actueel.DagtekeningPip)
        {
            fouten.Add("De datum dagtekening mag bij een gewijzigde PIP niet voor de datum dagtekening van de actuele PIP liggen.");
        }

        if (pip.DagtekeningPip < persoon.DatumVestiging)
        {
            fouten.Add("De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente liggen.");
        }

        if (pip.Niveau == "A2" && pip.Leerroute == "O")
        {
            fouten.Add("Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd.");
        }

        if (pip.Niveau == "B1" && pip.Leerroute == "Z")
        {
            fouten.Add("Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd.");
        }

        if (pip.Niveau == "A2" && pip.Leerroute == "B" && persoon.EerstePip is null)
        {
            fouten.Add("Niveau A2 mag niet in combinatie met de B1-route worden aangeleverd bij de eerste PIP van de persoon.");
        }

        if (pip.GeschatteIntensiteitB1Route is not null && (pip.Leerroute != "B" || persoon.Doelgroep != "Asielstatushouder"))
        {
            fouten.Add("Geschatte intensiteit B1 route mag alleen aangeleverd worden bij de B1-route en bij asielmigranten.");
        }

        return fouten;
    }

    /// <summary>README "Niveau": without a niveau DUO sets B1 for the B1-route and the onderwijsroute.</summary>
    public static DuoPip WithDefaultNiveau(DuoPip pip) =>
        pip.Niveau is null && pip.Leerroute is "B" or "O" ? pip with { Niveau = "B1" } : pip;

    /// <summary>README "Het verwijderen van een PIP".</summary>
    public static List<string> PipVerwijderen(DuoSimPersoon persoon)
    {
        var fouten = new List<string>();
        if (persoon.TermijnStart is not null)
        {
            fouten.Add("Het PIP kan niet worden verwijderd: de inburgeringstermijn is al vastgesteld.");
        }

        if (persoon.Uren.Values.Any(u => u.ParticipatieAlsTaalles is { Uren: > 0 }))
        {
            fouten.Add("Het PIP kan niet worden verwijderd: er zijn al cursusdeelnameuren geregistreerd.");
        }

        return fouten;
    }

    /// <summary>README "Inburgeringsaanbod". The README's datumAanvangTaalschakeltraject/datumEindeCursus are not in the schema; see docs/partners/duo.md.</summary>
    public static List<string> Inburgeringsaanbod(DuoSimPersoon persoon, DuoInstelling? instelling, DuoInburgeringsaanbod aanbod)
    {
        var fouten = new List<string>();
        if (persoon.Doelgroep != "Asielstatushouder")
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
    /// README "Module Arbeidsmarkt en Participatie (MAP)" and "Participatieverklaringstraject (PVT)": the same eleven
    /// rules for both. <paramref name="wat"/> is "datum eindgesprek MAP" or "datum ondertekening PVT".
    /// A termijn is overschreden when its (exclusive) einddatum is reached by the date, or by today when there is no date.
    /// </summary>
    public static List<string> Resultaat(string wat, DuoSimResultaat? bestaand, DateOnly? datum, string? verwijtbaar, DuoSimPersoon persoon, string gemeente, DateOnly today)
    {
        var fouten = new List<string>();
        if (bestaand is not null && bestaand.Gemeentecode != gemeente)
        {
            fouten.Add($"Bij een wijziging moet de {wat} eerder door uw gemeente zijn geleverd.");
        }

        if (persoon.ActuelePipGemeente != gemeente)
        {
            fouten.Add("Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige.");
        }

        if (persoon.VoldaanViaZroute)
        {
            fouten.Add("De inburgeringsplicht is al voldaan via de Z-route.");
        }

        if (datum is { } d)
        {
            if (persoon.TermijnStart is not { } start || d < start)
            {
                fouten.Add($"De {wat} mag niet voor de startdatum van de inburgeringstermijn liggen.");
            }

            if (persoon.ZrouteAfronding is { } afronding && d > afronding)
            {
                fouten.Add($"De {wat} mag niet na de datum afronding Z-route liggen.");
            }

            if (d > today)
            {
                fouten.Add($"De {wat} mag niet in de toekomst liggen.");
            }
        }
        else if (persoon.ZrouteAfronding is not null)
        {
            fouten.Add($"Als de {wat} leeg is, dan mag de datum afronding Z-route niet geregistreerd zijn.");
        }

        var overschrijding = persoon.TermijnEind is { } eind && (datum ?? today) >= eind;
        if (verwijtbaar is null && overschrijding)
        {
            fouten.Add("Zonder 'Verwijtbaar (Ja/Nee)' mag er geen sprake zijn van een overschrijding van de inburgeringstermijn.");
        }

        if (verwijtbaar is not null && datum is { } v && persoon.TermijnEind is { } e && v < e)
        {
            fouten.Add($"Als de {wat} voor de einddatum van de inburgeringstermijn ligt, dan mag 'Verwijtbaar (Ja/Nee)' niet geleverd worden.");
        }

        if (verwijtbaar == "Nee" && !(persoon.TermijnEind is { } einde && today >= einde.AddMonths(-2)))
        {
            fouten.Add("'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Nee' hebben als de einddatum van de inburgeringstermijn binnen twee maanden valt.");
        }

        if (verwijtbaar == "Ja" && !overschrijding)
        {
            fouten.Add("'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Ja' hebben als er sprake is van een overschrijding van de inburgeringstermijn.");
        }

        return fouten;
    }

    /// <summary>Z-route afronding: the README gives no rules; the simulator asks, as for MAP and PVT, a current PIP of the gemeente.</summary>
    public static List<string> Zroute(DuoSimPersoon persoon, string gemeente) =>
        persoon.ActuelePipGemeente == gemeente ? [] : ["Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige."];
}
