using System.Globalization;
using System.Text.Json.Nodes;

namespace Inburgering.Activities.Duo.Notificaties;

/// <summary>One gebeurtenis of DUO's catalogue (duo-m2m/Gebeurtenissen) and what it means for the process.</summary>
public sealed record DuoGebeurtenis(
    string Id,
    string Omschrijving,
    string Categorie,
    bool MayStartTraject,
    bool Attentiesignaal,
    IReadOnlyList<string> TeRaadplegen);

/// <summary>What the process receives for one notificatie: a BPMN message, correlated by <see cref="CorrelationKey"/>.</summary>
public sealed record DuoProcessMessage(
    /// <summary>Stable ASCII BPMN message name, e.g. <c>duo.ss139</c>; <c>duo.onbekend</c> for an id outside the catalogue.</summary>
    string MessageName,
    /// <summary>The message may start a traject (message start event) when none is waiting for it.</summary>
    bool MayStartTraject,
    /// <summary>The person's PersoonReferentie (never the BSN); null when the notificatie names no BSN.</summary>
    string? CorrelationKey,
    JsonObject Variables,
    bool Known);

/// <summary>
/// The pure mapping from a DUO notificatie to the process message. No I/O: the PersoonReferentie function is passed in.
/// Variables are flat camelCase for gateways: <c>persoonReferentie</c>, <c>bsn</c> (a started traject needs it to ask DUO;
/// variables are data, not log lines), <c>duoGebeurtenisId</c>, <c>duoGebeurtenis</c>, <c>duoGebeurtenisCategorie</c>,
/// <c>duoRegistratieDatumTijd</c>, <c>duoTeRaadplegen</c> (activity type keys to call next, comma-separated), and per
/// gebeurtenis the flags listed in docs/partners/duo.md.
/// </summary>
public static class DuoNotificatieMapping
{
    public const string UnknownMessageName = "duo.onbekend";

    private const string Plicht = "duo.inburgeringsplicht-raadplegen";
    private const string Termijn = "duo.inburgeringstermijn-raadplegen";
    private const string Lbt = "duo.leerbaarheidstoets-raadplegen";
    private const string Examen = "duo.examen-raadplegen";
    private const string Vrijstelling = "duo.vrijstelling-raadplegen";
    private const string Ontheffing = "duo.ontheffing-raadplegen";

    /// <summary>Every gebeurtenis in DUO's catalogue (Gebeurtenissen.md) and its attentiesignalen (Attentiesignalen.md).</summary>
    public static IReadOnlyDictionary<string, DuoGebeurtenis> Catalogus { get; } = new[]
    {
        // Nieuwe inburgeringsplichtige
        G("SS101", "Persoon is inburgeringsplichtig.", "nieuweInburgeringsplichtige", true, Plicht, Examen),
        G("SS128", "Persoon is inburgeringsplichtig, maar bereikt AOW-leeftijd binnen 6 maanden.", "nieuweInburgeringsplichtige", true, Plicht, Examen),
        G("SS139", "Persoon is inburgeringsplichtig en de termijn van 10 weken voor vaststellen leerroute is gestart.", "nieuweInburgeringsplichtige", true, Plicht, Examen),
        G("SS129", "Tijdelijke vrijstelling ingetrokken, nog geen leerroute bekend.", "nieuweInburgeringsplichtige", true, Plicht, Examen, Vrijstelling),
        // Wijziging van gemeente
        G("SS120", "Inburgeringsplichtige in gemeente gevestigd zonder PIP.", "wijzigingGemeente", true, Plicht, Examen),
        G("SS121", "Inburgeringsplichtige in gemeente gevestigd met PIP vorige gemeente.", "wijzigingGemeente", true, Plicht, Termijn, Examen),
        // Wijziging doelgroep
        G("SS124", "Doelgroep van asielstatushouder naar gezinsmigrant en overige migrant gewijzigd.", "wijzigingDoelgroep", false, Plicht),
        G("SS125", "Doelgroep van gezinsmigrant en overige migrant naar asielstatushouder gewijzigd.", "wijzigingDoelgroep", false, Plicht),
        // Intrekken inburgeringsplicht
        G("SS109", "Tijdelijke vrijstelling toegekend.", "intrekkenInburgeringsplicht", false, Plicht, Vrijstelling),
        G("SS110", "Inburgeringsplicht ingetrokken.", "intrekkenInburgeringsplicht", false, Plicht),
        G("SS111", "Persoon is overleden.", "intrekkenInburgeringsplicht", false, Plicht),
        // Inburgeringsplicht voldaan
        G("SS106", "Diploma behaald.", "inburgeringsplichtVoldaan", false, Plicht),
        G("SS107", "Gehele vrijstelling toegekend.", "inburgeringsplichtVoldaan", false, Plicht, Vrijstelling),
        G("SS108", "Gehele ontheffing toegekend.", "inburgeringsplichtVoldaan", false, Plicht, Ontheffing),
        // Leerroute en termijn vastgesteld
        G("SS137", "Persoon is aangemeld voor de leerbaarheidstoets.", "leerrouteEnTermijn", false, Lbt),
        G("SS131", "Leerbaarheidstoets is afgenomen en resultaat is bekend.", "leerrouteEnTermijn", false, Lbt),
        G("SS102", "Inburgeringstermijn gestart.", "leerrouteEnTermijn", false, Termijn),
        // Examenresultaten
        G("SS199", "Uitslag examen bekend.", "examenresultaten", false, Examen),
        // Termijn gewijzigd
        G("SS103", "Termijn ambtshalve verlengd.", "termijnGewijzigd", false, Termijn),
        G("SS104", "Termijn op verzoek verlengd.", "termijnGewijzigd", false, Termijn),
        // The plicht resumes after a tijdelijke vrijstelling (SS109 ended the traject): a new traject starts that keeps the PIP's
        // leerroute and DUO's termijn (Gebeurtenissen.md, "Termijn gewijzigd", and the ad hoc calls for SS101/128/139/120/121/129/130).
        G("SS130", "Tijdelijke vrijstelling ingetrokken, PIP al bekend; eerdere inburgeringsplicht wordt hervat.", "termijnGewijzigd", true, Plicht, Termijn, Examen, Vrijstelling),
        // Verzoeken inburgeraar
        G("SS113", "Verzoek verlenging afgewezen.", "verzoekInburgeraar", false),
        G("SS114", "Verzoek gehele vrijstelling afgewezen.", "verzoekInburgeraar", false, Vrijstelling),
        G("SS115", "Verzoek tijdelijke vrijstelling afgewezen.", "verzoekInburgeraar", false, Vrijstelling),
        G("SS116", "Verzoek gedeeltelijke vrijstelling afgewezen.", "verzoekInburgeraar", false, Vrijstelling),
        G("SS117", "Verzoek gedeeltelijke vrijstelling toegekend.", "verzoekInburgeraar", false, Vrijstelling, Examen),
        G("SS118", "Verzoek ontheffing afgewezen.", "verzoekInburgeraar", false, Ontheffing),
        G("SS119", "Verzoek gedeeltelijke ontheffing toegekend.", "verzoekInburgeraar", false, Ontheffing, Examen),
        // Attentiesignalen (DUO plans to send these through SDI008; mapped here so they are not lost if they arrive)
        A("SS112", "Verzoek verlenging ingediend.", Termijn),
        A("SS122", "Vertrokken naar andere gemeente.", Plicht),
        A("SS123", "Vertrokken uit Nederland.", Plicht),
        A("SS126", "Tien weken verstreken en nog geen leerroute vastgesteld."),
        A("SS127", "Nog geen inburgeringsaanbod ontvangen."),
        A("SS132", "Opleidingscontract ontvangen (nog geen PIP)."),
        A("SS133", "Opleidingscontract ontvangen met taalniveau niet conform de opgegeven leerroute."),
        A("SS135", "Opleidingscontract ontvangen met te hoog taalniveau conform de PIP (Z-route)."),
        A("SS136", "Opleidingscontract voor taalschakeltraject ontvangen, geen onderwijsroute."),
        A("SS140", "Verzoek ontheffing op bijzondere individuele omstandigheden: advies gevraagd.", Ontheffing),
        A("SS141", "Inburgeringsplicht voldaan via de Z-route: certificaattekst beschikbaar.", Plicht),
        A("SS142", "Niet-vrijstellende opleiding beëindigd wegens uitschrijving; PIP herzien indien nodig."),
    }.ToDictionary(g => g.Id, StringComparer.Ordinal);

    /// <summary>The BPMN message name for a gebeurtenisId: <c>duo.</c> + the id in lower case; <see cref="UnknownMessageName"/> outside the catalogue.</summary>
    public static string MessageName(string gebeurtenisId) =>
        Catalogus.ContainsKey(gebeurtenisId) ? "duo." + gebeurtenisId.ToLowerInvariant() : UnknownMessageName;

    /// <summary>Maps one notificatie. <paramref name="persoonReferentie"/> turns a BSN into its PersoonReferentie.</summary>
    public static DuoProcessMessage Map(DuoNotificatie notificatie, Func<string, string> persoonReferentie)
    {
        var known = Catalogus.TryGetValue(notificatie.GebeurtenisId, out var gebeurtenis);
        var reference = notificatie.Bsn is { Length: > 0 } bsn ? persoonReferentie(bsn) : null;
        var variables = new JsonObject
        {
            ["duoGebeurtenisId"] = notificatie.GebeurtenisId,
            ["duoGebeurtenis"] = gebeurtenis?.Omschrijving ?? "Onbekende gebeurtenis",
            ["duoGebeurtenisCategorie"] = gebeurtenis?.Categorie ?? "onbekend",
            ["duoAttentiesignaal"] = gebeurtenis?.Attentiesignaal ?? false,
            ["duoRegistratieDatumTijd"] = notificatie.RegistratieDatumTijd.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            ["duoTeRaadplegen"] = string.Join(",", gebeurtenis?.TeRaadplegen ?? []),
        };
        if (reference is not null)
        {
            variables["persoonReferentie"] = reference;
            variables["bsn"] = notificatie.Bsn;
        }

        if (notificatie.VNummer is { } vNummer)
        {
            variables["vNummer"] = vNummer;
        }

        foreach (var (name, value) in Flags(notificatie))
        {
            variables[name] = value;
        }

        return new DuoProcessMessage(MessageName(notificatie.GebeurtenisId), gebeurtenis?.MayStartTraject ?? false, reference, variables, known);
    }

    /// <summary>Per-gebeurtenis flags a gateway can test without knowing DUO's codes.</summary>
    private static IEnumerable<(string Name, JsonNode? Value)> Flags(DuoNotificatie notificatie)
    {
        var datum = DateOnly.FromDateTime(notificatie.RegistratieDatumTijd.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (notificatie.GebeurtenisId)
        {
            case "SS101" or "SS128" or "SS139" or "SS129":
                yield return ("inburgeringsplichtVastgesteld", true);
                if (notificatie.GebeurtenisId == "SS139")
                {
                    yield return ("pipTermijnGestart", true);
                    yield return ("pipTermijnStartdatum", datum);
                }

                if (notificatie.GebeurtenisId == "SS128")
                {
                    yield return ("aowLeeftijdBinnenZesMaanden", true);
                }

                if (notificatie.GebeurtenisId == "SS129")
                {
                    yield return ("tijdelijkeVrijstellingIngetrokken", true);
                }

                break;
            case "SS120" or "SS121":
                yield return ("inburgeringsplichtVastgesteld", true);
                yield return ("gevestigdInGemeente", true);
                yield return ("pipVorigeGemeente", notificatie.GebeurtenisId == "SS121");

                // The new gemeente's ten weeks for the PIP run from DUO's notice that the person settled there (DUO learns
                // it from the new inschrijving in the BRP), not from the first notice to the old gemeente.
                yield return ("pipTermijnStartdatum", datum);
                break;
            case "SS124":
                yield return ("doelgroep", "Gezinsmigrant en overige migrant");
                yield return ("asielstatushouder", false);
                break;
            case "SS125":
                yield return ("doelgroep", "Asielstatushouder");
                yield return ("asielstatushouder", true);
                break;
            case "SS109" or "SS110" or "SS111":
                yield return ("inburgeringsplichtBeeindigd", true);
                yield return ("tijdelijkeVrijstelling", notificatie.GebeurtenisId == "SS109");
                yield return ("overleden", notificatie.GebeurtenisId == "SS111");
                break;
            case "SS106" or "SS107" or "SS108":
                yield return ("inburgeringsplichtVoldaan", true);
                yield return ("redenVoldaan", notificatie.GebeurtenisId switch { "SS106" => "Diploma behaald", "SS107" => "Gehele vrijstelling", _ => "Gehele ontheffing" });
                break;
            case "SS137":
                yield return ("leerbaarheidstoetsAangemeld", true);
                break;
            case "SS131":
                yield return ("leerbaarheidstoetsUitslagBekend", true);
                break;
            case "SS102":
                yield return ("termijnGestart", true);
                break;
            case "SS103" or "SS104":
                yield return ("termijnVerlengd", true);
                yield return ("termijnVerlengdOpVerzoek", notificatie.GebeurtenisId == "SS104");
                break;
            case "SS130":
                yield return ("inburgeringsplichtHervat", true);
                break;
            case "SS199":
                yield return ("examenUitslagBekend", true);
                break;
            case "SS113" or "SS114" or "SS115" or "SS116" or "SS118":
                yield return ("verzoekToegekend", false);
                break;
            case "SS117" or "SS119":
                yield return ("verzoekToegekend", true);
                break;
        }
    }

    private static DuoGebeurtenis G(string id, string omschrijving, string categorie, bool mayStart, params string[] teRaadplegen) =>
        new(id, omschrijving, categorie, mayStart, false, teRaadplegen);

    private static DuoGebeurtenis A(string id, string omschrijving, params string[] teRaadplegen) =>
        new(id, omschrijving, "attentiesignaal", false, true, teRaadplegen);
}
