using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Duo.Spec;
using Inburgering.Activities.Partners;
using Inburgering.Simulators;
using Inburgering.Workflows.Personen;
using Inburgering.Workflows.Termijnen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inburgering.Simulators.Duo;

/// <summary>
/// A DUO that speaks duo-m2m as written. Every operation of every OpenAPI file the gemeente calls is mapped from
/// the spec itself; each request is validated against the spec (400 with the problems as Foutmelding texts, a
/// simulator courtesy), authorised on <c>bron</c>/<c>doel</c> (403 without body), scoped per the README (404 when the
/// person is unknown or not relevant for the gemeente), checked against the README's business rules (403 with
/// DUO's Foutmelding array), and answered with <c>API-Version</c>. A repeated BerichtId on a state-changing request is
/// answered from the idempotency store: no second effect. Answers are checked against the spec before they leave.
/// </summary>
public static class DuoSimulatorEndpoints
{
    public const string Partner = "duo";

    private delegate DuoSimAnswer Handler(DuoSimRequest request);

    private static readonly string[] Examenonderdelen = ["KNM", "LE", "LU", "SC", "SP"];

    private static readonly DuoVerlengingsgrond[] Verlengingsgronden =
    [
        new("AMB", "Ambtshalve verlenging met zes maanden"),
        new("ZWA", "Zwangerschap en bevalling"),
        new("ZKT", "Ziekte of handicap"),
        new("BIO", "Bijzondere individuele omstandigheden"),
    ];

    private static readonly Dictionary<string, Handler> Handlers = new(StringComparer.Ordinal)
    {
        ["getInburgeringsplichtByBsn"] = GetInburgeringsplicht,
        ["getInburgeringsplichthistorieByBsn"] = r => Ok(new[] { Plicht(r.Persoon!) }),
        ["getDoelgroepByBsn"] = r => Ok(new DuoDoelgroep(r.Persoon!.Doelgroep, r.Persoon.DoelgroepBegindatum, r.Persoon.GedetailleerdeDoelgroep)),
        ["getDoelgroephistorieByBsn"] = r => Ok(new[] { new { indeling = r.Persoon!.Doelgroep, begindatum = r.Persoon.DoelgroepBegindatum } }),
        ["getInburgeringstermijnByBsn"] = GetInburgeringstermijn,
        ["getInburgeringstermijnhistorieByBsn"] = r => r.Persoon!.TermijnEind is { } eind ? Ok(new[] { new { einddatum = eind } }) : Ok(Array.Empty<object>()),
        ["getVerlengingsgronden"] = _ => Ok(Verlengingsgronden),
        ["getExamennummerByBsn"] = GetExamennummer,
        ["deleteExamennummerByBsn"] = DeleteExamennummer,
        ["getLbtResultatenByBsn"] = r => Ok(r.Persoon!.LbtResultaten),
        ["getGratisPogingenTegoedByBsn"] = GetGratisPogingen,
        ["getExamenresultatenByBsn"] = r => Ok(r.Persoon!.Examenresultaten),
        ["getOntheffingenByBsn"] = r => Ok(r.Persoon!.Ontheffingen),
        ["getVrijstellingenByBsn"] = r => Ok(r.Persoon!.Vrijstellingen),
        ["getPipByBsn"] = GetPip,
        ["postPipByBsn"] = PostPip,
        ["deletePipByBsn"] = DeletePip,
        ["createContactpersoon"] = CreateContactpersoon,
        ["updateContactpersoonById"] = UpdateContactpersoon,
        ["deleteContactpersoonById"] = DeleteContactpersoon,
        ["postContactpersoonByBsn"] = LinkContactpersoon,
        ["deleteContactpersoonByBsn"] = UnlinkContactpersoon,
        ["getInstellingen"] = r => Ok(r.State.Instellingen),
        ["postInburgeringsaanbodByBsnAndInstellingsnummer"] = PostInburgeringsaanbod,
        ["deleteInburgeringsaanbodByBsnAndInstellingsnumer"] = DeleteInburgeringsaanbod,
        ["getMapByBsn"] = r => r.Persoon!.Map?.Datum is { } d ? Ok(new { datumEindgesprekMap = d }) : NotFound(),
        ["updateMapByBsn"] = PutMap,
        ["getPvtByBsn"] = r => r.Persoon!.Pvt?.Datum is { } d ? Ok(new { datumOndertekeningPvt = d }) : NotFound(),
        ["updatePvtByBsn"] = PutPvt,
        ["updateZrouteByBsn"] = PutZroute,
        ["getGevolgdeUrenByBsn"] = r => Ok(r.Persoon!.Uren.Values),
        ["updateUrenTaallesEnKnmByBSN"] = r => PutUren(r, (u, n) => u with { TaallesEnKnmBredeIntake = n }),
        ["updateUrenParticipatieactiviteiten"] = r => PutUren(r, (u, n) => u with { ParticipatieactiviteitenBredeIntake = n }),
        ["updateUrenParticipatieAlsTaallesByBsn"] = r => PutUren(r, (u, n) => u with { ParticipatieAlsTaalles = n }),
    };

    /// <summary>
    /// Maps the simulated DUO under <paramref name="prefix"/> (e.g. <c>/sim/duo/v1</c>), with its control endpoints under
    /// <c>{prefix}/_sim</c>: failure, requests, personen (seed/inspect), notificaties (emit/deliver/list), lbt-resultaten,
    /// examenresultaten, reset.
    /// </summary>
    public static IEndpointRouteBuilder MapDuoSimulator(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapPartnerApi(prefix, Partner, "berichtId");
        foreach (var operation in OpenApiSpec.Duo.Documents.SelectMany(d => d.Operations))
        {
            if (!Handlers.ContainsKey(operation.OperationId))
            {
                continue;
            }

            var operationId = operation.OperationId;
            Func<HttpContext, Task<IResult>> handler = http => HandleAsync(http, operationId);
            api.MapMethods(operation.PathTemplate, [operation.Method], handler).WithName("duo." + operationId);
        }

        var control = endpoints.MapSimulatorControl(prefix, Partner);
        DuoSimulatorControl.Map(control);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, string operationId)
    {
        var services = http.RequestServices;
        var state = services.GetRequiredService<DuoSimulatorState>();
        var options = services.GetRequiredService<IOptions<DuoOptions>>().Value;
        var operation = OpenApiSpec.Duo.Operation(operationId);
        http.Response.Headers["API-Version"] = operation.Document.Version;

        string raw;
        using (var reader = new StreamReader(http.Request.Body))
        {
            raw = await reader.ReadToEndAsync(http.RequestAborted);
        }

        JsonNode? body = null;
        var bodyPresent = !string.IsNullOrWhiteSpace(raw);
        if (bodyPresent)
        {
            try
            {
                body = JsonNode.Parse(raw);
            }
            catch (JsonException)
            {
                return Fouten(StatusCodes.Status400BadRequest, ["body is geen geldige JSON"]);
            }
        }

        var pathValues = http.Request.RouteValues.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        var problems = SchemaValidator.ValidateRequest(operation, pathValues, name => http.Request.Headers[name].FirstOrDefault(), body, bodyPresent);
        if (problems.Count > 0)
        {
            return Fouten(StatusCodes.Status400BadRequest, problems);
        }

        var gemeente = options.GemeenteFor(http.Request.Headers["bron"].ToString());
        if (gemeente is null || http.Request.Headers["doel"].ToString() != options.DuoOin)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var berichtId = http.Request.Headers["berichtId"].ToString();
        var fingerprint = $"{operationId}\n{http.Request.Path}\n{body?.ToJsonString()}";

        StoredResponse Execute()
        {
            lock (state.Gate)
            {
                var answer = Dispatch(state, operation, gemeente, pathValues, body);
                var json = answer.Body is null ? null : JsonSerializer.SerializeToNode(answer.Body, PartnerHttp.Json);
                var selfCheck = SchemaValidator.ValidateResponse(operation, answer.Status, json);
                if (selfCheck.Count > 0)
                {
                    throw new InvalidOperationException($"DUO simulator answer to {operationId} breaks the spec: {string.Join("; ", selfCheck)}");
                }

                return new StoredResponse(answer.Status, json?.ToJsonString(), fingerprint);
            }
        }

        return operation.Method == "GET"
            ? Stored(Execute())
            : SimulatorEndpoints.Idempotent(http, Partner, berichtId, fingerprint, Execute);
    }

    private static DuoSimAnswer Dispatch(DuoSimulatorState state, OpenApiOperation operation, string gemeente, Dictionary<string, string> pathValues, JsonNode? body)
    {
        var today = state.Today;
        DuoSimPersoon? persoon = null;
        if (pathValues.TryGetValue("bsn", out var bsn))
        {
            persoon = state.Personen.GetValueOrDefault(bsn);
            if (persoon is null || !DuoSimulatorRules.IsRelevant(persoon, gemeente, today))
            {
                return NotFound();
            }
        }

        return Handlers[operation.OperationId](new DuoSimRequest(state, persoon, gemeente, pathValues, body, today));
    }

    // --- Raadplegen ---------------------------------------------------------------------------------------------------
    private static DuoSimAnswer GetInburgeringsplicht(DuoSimRequest r) => Ok(Plicht(r.Persoon!));

    private static DuoInburgeringsplicht Plicht(DuoSimPersoon p) => new(
        p.Inburgeringsplichtig,
        p.InburgeringsplichtBegindatum,
        p.InburgeringsplichtEinddatum,
        p.InburgeringsplichtWijzigingsdatum,
        p.InburgeringsplichtBegindatum,
        p.Inburgeringsplichtig ? null : p.RedenGeenInburgeringsplicht);

    private static DuoSimAnswer GetInburgeringstermijn(DuoSimRequest r) =>
        r.Persoon!.TermijnStart is { } start && r.Persoon.TermijnEind is { } eind
            ? Ok(new DuoInburgeringstermijn(start, eind, r.Persoon.TermijnWijzigingsdatum, r.Persoon.Verlengingsgrondcode, r.Persoon.Verlengingsgrondomschrijving))
            : NotFound();

    private static DuoSimAnswer GetExamennummer(DuoSimRequest r)
    {
        if (r.Persoon!.Examennummer is null)
        {
            r.Persoon.Examennummer = DuoSimulatorState.ExamennummerFor(r.Persoon.Bsn);
            r.State.Enqueue(r.Persoon, "SS137");
        }

        return Ok(new DuoExamennummer(r.Persoon.Examennummer));
    }

    private static DuoSimAnswer DeleteExamennummer(DuoSimRequest r)
    {
        if (r.Persoon!.Examennummer is null)
        {
            return NotFound();
        }

        r.Persoon.Examennummer = null;
        return Status(StatusCodes.Status200OK);
    }

    private static DuoSimAnswer GetGratisPogingen(DuoSimRequest r) =>
        Ok(Examenonderdelen.Select(o => new DuoGratisPogingTegoed(o, Math.Max(0, 1 - r.Persoon!.Examenresultaten.Count(e => e.Onderdeel == o)))));

    private static DuoSimAnswer GetPip(DuoSimRequest r) =>
        r.Persoon!.ActuelePip is { } pip ? Ok(new DuoPipVanGemeente(r.Persoon.ActuelePipGemeente!, pip)) : NotFound();

    // --- PIP ----------------------------------------------------------------------------------------------------------
    private static DuoSimAnswer PostPip(DuoSimRequest r)
    {
        var p = r.Persoon!;
        var pip = r.Body.Deserialize<DuoPip>(PartnerHttp.Json)!;
        var fouten = DuoSimulatorRules.Pip(p, pip);
        if (fouten.Count > 0)
        {
            return Rejected(fouten);
        }

        pip = DuoSimulatorRules.WithDefaultNiveau(pip);
        if (p.ActuelePipGemeente is { } vorige && vorige != r.Gemeente)
        {
            p.VorigePipGemeente = vorige;
        }

        p.ActuelePip = pip;
        p.ActuelePipGemeente = r.Gemeente;
        p.AantalPips++;
        if (p.EerstePip is null)
        {
            p.EerstePip = pip;
            if (p.TermijnStart is null)
            {
                // Wi2021 art. 11: the termijn starts the day after the dagtekening of the first PIP and lasts three years.
                var termijn = Inburgeringstermijn.FromFirstPip(pip.DagtekeningPip);
                p.TermijnStart = termijn.Start;
                p.TermijnEind = termijn.Einde;
                p.TermijnWijzigingsdatum = r.Today;
                r.State.Enqueue(p, "SS102");
            }
        }

        return Status(StatusCodes.Status201Created);
    }

    private static DuoSimAnswer DeletePip(DuoSimRequest r)
    {
        var p = r.Persoon!;
        if (p.ActuelePip is null || p.ActuelePipGemeente != r.Gemeente)
        {
            return NotFound();
        }

        var fouten = DuoSimulatorRules.PipVerwijderen(p);
        if (fouten.Count > 0)
        {
            return Rejected(fouten);
        }

        p.ActuelePip = null;
        p.ActuelePipGemeente = null;
        if (p.AantalPips <= 1)
        {
            p.EerstePip = null;
        }

        return Status(StatusCodes.Status200OK);
    }

    // --- Contactpersoon -----------------------------------------------------------------------------------------------
    private static DuoSimAnswer CreateContactpersoon(DuoSimRequest r)
    {
        var gegevens = r.Body.Deserialize<DuoContactpersoongegevens>(PartnerHttp.Json)!;
        var id = r.State.NextContactpersoonId();
        r.State.Contactpersonen[id] = new DuoSimContactpersoon(id, r.Gemeente, gegevens);
        return new DuoSimAnswer(StatusCodes.Status201Created, new DuoContactpersoon(gegevens, id));
    }

    private static DuoSimAnswer UpdateContactpersoon(DuoSimRequest r)
    {
        if (OwnContactpersoon(r) is not { } existing)
        {
            return NotFound();
        }

        r.State.Contactpersonen[existing.Id] = existing with { Gegevens = r.Body.Deserialize<DuoContactpersoongegevens>(PartnerHttp.Json)! };
        return Status(StatusCodes.Status200OK);
    }

    private static DuoSimAnswer DeleteContactpersoon(DuoSimRequest r)
    {
        if (OwnContactpersoon(r) is not { } existing)
        {
            return NotFound();
        }

        r.State.Contactpersonen.Remove(existing.Id);
        foreach (var persoon in r.State.Personen.Values.Where(p => p.ContactpersoonId == existing.Id))
        {
            persoon.ContactpersoonId = null;
        }

        return Status(StatusCodes.Status200OK);
    }

    private static DuoSimAnswer LinkContactpersoon(DuoSimRequest r)
    {
        if (OwnContactpersoon(r) is not { } existing)
        {
            return NotFound();
        }

        r.Persoon!.ContactpersoonId = existing.Id;
        return Status(StatusCodes.Status201Created);
    }

    private static DuoSimAnswer UnlinkContactpersoon(DuoSimRequest r)
    {
        if (OwnContactpersoon(r) is not { } existing || r.Persoon!.ContactpersoonId != existing.Id)
        {
            return NotFound();
        }

        r.Persoon.ContactpersoonId = null;
        return Status(StatusCodes.Status200OK);
    }

    private static DuoSimContactpersoon? OwnContactpersoon(DuoSimRequest r) =>
        int.TryParse(r.PathValues["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && r.State.Contactpersonen.TryGetValue(id, out var c) && c.Gemeentecode == r.Gemeente
            ? c
            : null;

    // --- Inburgeringsaanbod -------------------------------------------------------------------------------------------
    private static DuoSimAnswer PostInburgeringsaanbod(DuoSimRequest r)
    {
        var nummer = r.PathValues["instellingsnummer"];
        var aanbod = r.Body.Deserialize<DuoInburgeringsaanbod>(PartnerHttp.Json)!;
        var instelling = r.State.Instellingen.FirstOrDefault(i => i.Instellingsnummer == nummer);
        var fouten = DuoSimulatorRules.Inburgeringsaanbod(r.Persoon!, instelling, aanbod);
        if (fouten.Count > 0)
        {
            return Rejected(fouten);
        }

        r.Persoon!.Inburgeringsaanbod[nummer] = aanbod;
        return Status(StatusCodes.Status201Created);
    }

    private static DuoSimAnswer DeleteInburgeringsaanbod(DuoSimRequest r) =>
        r.Persoon!.Inburgeringsaanbod.Remove(r.PathValues["instellingsnummer"]) ? Status(StatusCodes.Status204NoContent) : NotFound();

    // --- MAP, PVT, Z-route --------------------------------------------------------------------------------------------
    private static DuoSimAnswer PutMap(DuoSimRequest r)
    {
        var p = r.Persoon!;
        var map = r.Body.Deserialize<DuoResultaatMap>(PartnerHttp.Json)!;
        var fouten = DuoSimulatorRules.Resultaat("datum eindgesprek MAP", p.Map, map.DatumEindgesprekMap, map.Verwijtbaar, p, r.Gemeente, r.Today);
        if (fouten.Count > 0)
        {
            return Rejected(fouten);
        }

        p.Map = map.DatumEindgesprekMap is null && map.Verwijtbaar is null ? null : new DuoSimResultaat(map.DatumEindgesprekMap, map.Verwijtbaar, r.Gemeente);
        return Status(StatusCodes.Status200OK);
    }

    private static DuoSimAnswer PutPvt(DuoSimRequest r)
    {
        var p = r.Persoon!;
        var pvt = r.Body.Deserialize<DuoResultaatPvt>(PartnerHttp.Json)!;
        var fouten = DuoSimulatorRules.Resultaat("datum ondertekening PVT", p.Pvt, pvt.DatumOndertekeningPvt, pvt.Verwijtbaar, p, r.Gemeente, r.Today);
        if (fouten.Count > 0)
        {
            return Rejected(fouten);
        }

        p.Pvt = pvt.DatumOndertekeningPvt is null && pvt.Verwijtbaar is null ? null : new DuoSimResultaat(pvt.DatumOndertekeningPvt, pvt.Verwijtbaar, r.Gemeente);
        return Status(StatusCodes.Status200OK);
    }

    private static DuoSimAnswer PutZroute(DuoSimRequest r)
    {
        var fouten = DuoSimulatorRules.Zroute(r.Persoon!, r.Gemeente);
        if (fouten.Count > 0)
        {
            return Rejected(fouten);
        }

        r.Persoon!.ZrouteAfronding = r.Body.Deserialize<DuoResultaatZroute>(PartnerHttp.Json)!.DatumAfrondingZroute;
        return Status(StatusCodes.Status200OK);
    }

    // --- Gevolgde uren ------------------------------------------------------------------------------------------------
    private static DuoSimAnswer PutUren(DuoSimRequest r, Func<DuoUrenGemeente, DuoUren, DuoUrenGemeente> set)
    {
        var uren = r.Body.Deserialize<DuoUren>(PartnerHttp.Json)!;
        var current = r.Persoon!.Uren.GetValueOrDefault(r.Gemeente) ?? new DuoUrenGemeente(r.Gemeente);
        r.Persoon.Uren[r.Gemeente] = set(current, uren) with { BekendTot = r.Today.AddDays(1) };
        return Status(StatusCodes.Status200OK);
    }

    // --- Answers ------------------------------------------------------------------------------------------------------
    private static DuoSimAnswer Ok(object body) => new(StatusCodes.Status200OK, body);

    private static DuoSimAnswer Status(int status) => new(status, null);

    private static DuoSimAnswer NotFound() => new(StatusCodes.Status404NotFound, null);

    /// <summary>DUO's functional rejection: 403 with an array of Foutmelding (fouttekst at most 200 characters).</summary>
    private static DuoSimAnswer Rejected(IEnumerable<string> fouten) =>
        new(StatusCodes.Status403Forbidden, fouten.Select(f => new DuoFoutmelding(f.Length > 200 ? f[..200] : f)).ToList());

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<List<DuoFoutmelding>> Fouten(int status, IEnumerable<string> fouten) =>
        TypedResults.Json(fouten.Select(f => new DuoFoutmelding(f.Length > 200 ? f[..200] : f)).ToList(), PartnerHttp.Json, statusCode: status);

    private static IResult Stored(StoredResponse response) =>
        response.BodyJson is null
            ? Results.StatusCode(response.Status)
            : Results.Content(response.BodyJson, "application/json", System.Text.Encoding.UTF8, response.Status);
}

/// <summary>One request as a handler sees it: state (locked), the scoped person, the asking gemeente, path and body.</summary>
internal sealed record DuoSimRequest(DuoSimulatorState State, DuoSimPersoon? Persoon, string Gemeente, Dictionary<string, string> PathValues, JsonNode? Body, DateOnly Today);

/// <summary>A handler's answer: status and an optional body (serialised camelCase).</summary>
internal sealed record DuoSimAnswer(int Status, object? Body);
