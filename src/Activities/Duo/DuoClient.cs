using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Duo.Spec;
using Inburgering.Activities.Partners;
using Inburgering.Workflows.Personen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Activities.Duo;

/// <summary>Who asks DUO, about whom, and under which idempotency key (the BerichtId is derived from it).</summary>
public sealed record DuoCall(Bsn Bsn, Gemeentecode Gemeente, string IdempotencyKey);

/// <summary>
/// The gemeente's client for DUO's M2M APIs (duo-m2m/API/*/openapi.yml), base path <c>/v1</c> per DUO's README.
/// <para>
/// Every request carries the headers the specs require: <c>bron</c> (gemeente OIN), <c>doel</c> (DUO OIN) and
/// <c>berichtId</c> (a UUID derived from the engine's idempotency key and the operation, see <see cref="DuoBerichtId"/>,
/// so a retry repeats the same BerichtId). Answers are checked against the spec (schema and the major of
/// <c>API-Version</c>).
/// </para>
/// <para>
/// Outcomes: 2xx → <see cref="PartnerOutcome.Ok"/>; 403 (or another 4xx) with DUO's <c>Foutmelding</c> body →
/// <see cref="PartnerOutcome.Rejected"/> with DUO's Dutch texts; 404 → <see cref="PartnerOutcome.NotFound"/>
/// (unknown at DUO or not relevant for this gemeente); 400, 401, 403 without body, an answer outside the spec →
/// <see cref="PartnerOutcome.Permanent"/>; connection failure, timeout, 408, 429, 5xx → <see cref="PartnerOutcome.Transient"/>.
/// </para>
/// DUO's paths carry the BSN (its contract, not ours), so this client's HttpClient has its request loggers removed and
/// logs only operationIds and status codes.
/// </summary>
public sealed class DuoClient(HttpClient http, IOptions<DuoOptions> options, ILogger<DuoClient> logger)
{
    public const string Partner = "DUO";

    // --- Raadplegen ---------------------------------------------------------------------------------------------------
    public Task<PartnerResult<DuoInburgeringsplicht>> GetInburgeringsplichtAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<DuoInburgeringsplicht>("getInburgeringsplichtByBsn", HttpMethod.Get, Person(call, "inburgeringsplicht"), null, call, ct);

    public Task<PartnerResult<DuoDoelgroep>> GetDoelgroepAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<DuoDoelgroep>("getDoelgroepByBsn", HttpMethod.Get, Person(call, "doelgroep"), null, call, ct);

    public Task<PartnerResult<DuoInburgeringstermijn>> GetInburgeringstermijnAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<DuoInburgeringstermijn>("getInburgeringstermijnByBsn", HttpMethod.Get, Person(call, "inburgeringstermijn"), null, call, ct);

    public Task<PartnerResult<DuoExamennummer>> GetLbtExamennummerAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<DuoExamennummer>("getExamennummerByBsn", HttpMethod.Get, Person(call, "lbt/examennummer"), null, call, ct);

    public Task<PartnerResult<List<DuoLbtResultaat>>> GetLbtResultatenAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<List<DuoLbtResultaat>>("getLbtResultatenByBsn", HttpMethod.Get, Person(call, "lbt/resultaten"), null, call, ct);

    public Task<PartnerResult<List<DuoExamenresultaat>>> GetExamenresultatenAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<List<DuoExamenresultaat>>("getExamenresultatenByBsn", HttpMethod.Get, Person(call, "examens/resultaten"), null, call, ct);

    public Task<PartnerResult<List<DuoOntheffing>>> GetOntheffingenAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<List<DuoOntheffing>>("getOntheffingenByBsn", HttpMethod.Get, Person(call, "ontheffingen"), null, call, ct);

    public Task<PartnerResult<List<DuoVrijstelling>>> GetVrijstellingenAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<List<DuoVrijstelling>>("getVrijstellingenByBsn", HttpMethod.Get, Person(call, "vrijstellingen"), null, call, ct);

    public Task<PartnerResult<DuoPipVanGemeente>> GetPipAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<DuoPipVanGemeente>("getPipByBsn", HttpMethod.Get, Person(call, "PIP"), null, call, ct);

    // --- Melden -------------------------------------------------------------------------------------------------------
    public Task<PartnerResult<DuoGeenInhoud>> PostPipAsync(DuoCall call, DuoPip pip, CancellationToken ct) =>
        SendAsync<DuoGeenInhoud>("postPipByBsn", HttpMethod.Post, Person(call, "PIP"), pip, call, ct);

    public Task<PartnerResult<DuoContactpersoon>> CreateContactpersoonAsync(DuoCall call, DuoContactpersoongegevens gegevens, CancellationToken ct) =>
        SendAsync<DuoContactpersoon>("createContactpersoon", HttpMethod.Post, "contactpersonen", gegevens, call, ct);

    public Task<PartnerResult<DuoGeenInhoud>> UpdateContactpersoonAsync(DuoCall call, int id, DuoContactpersoongegevens gegevens, CancellationToken ct) =>
        SendAsync<DuoGeenInhoud>("updateContactpersoonById", HttpMethod.Put, $"contactpersonen/{id.ToString(CultureInfo.InvariantCulture)}", gegevens, call, ct);

    public Task<PartnerResult<DuoGeenInhoud>> LinkContactpersoonAsync(DuoCall call, int id, CancellationToken ct) =>
        SendAsync<DuoGeenInhoud>("postContactpersoonByBsn", HttpMethod.Post, $"contactpersonen/{id.ToString(CultureInfo.InvariantCulture)}/personen/{Uri.EscapeDataString(call.Bsn.Value)}", null, call, ct);

    public Task<PartnerResult<List<DuoInstelling>>> GetInstellingenAsync(DuoCall call, CancellationToken ct) =>
        SendAsync<List<DuoInstelling>>("getInstellingen", HttpMethod.Get, "instellingen", null, call, ct);

    public Task<PartnerResult<DuoGeenInhoud>> PostInburgeringsaanbodAsync(DuoCall call, string instellingsnummer, DuoInburgeringsaanbod aanbod, CancellationToken ct) =>
        SendAsync<DuoGeenInhoud>(
            "postInburgeringsaanbodByBsnAndInstellingsnummer",
            HttpMethod.Post,
            Person(call, $"Inburgeringsaanbod/{Uri.EscapeDataString(instellingsnummer)}"),
            aanbod,
            call,
            ct);

    public Task<PartnerResult<DuoGeenInhoud>> PutMapAsync(DuoCall call, DuoResultaatMap map, CancellationToken ct) =>
        SendAsync<DuoGeenInhoud>("updateMapByBsn", HttpMethod.Put, Person(call, "map"), map, call, ct);

    public Task<PartnerResult<DuoGeenInhoud>> PutPvtAsync(DuoCall call, DuoResultaatPvt pvt, CancellationToken ct) =>
        SendAsync<DuoGeenInhoud>("updatePvtByBsn", HttpMethod.Put, Person(call, "pvt"), pvt, call, ct);

    public Task<PartnerResult<DuoGeenInhoud>> PutZrouteAsync(DuoCall call, DuoResultaatZroute zroute, CancellationToken ct) =>
        SendAsync<DuoGeenInhoud>("updateZrouteByBsn", HttpMethod.Put, Person(call, "zroute"), zroute, call, ct);

    /// <summary>One of the three Gevolgde Uren PUTs (<see cref="DuoUrenSoort"/>).</summary>
    public Task<PartnerResult<DuoGeenInhoud>> PutUrenAsync(DuoCall call, DuoUrenSoort soort, int uren, CancellationToken ct) =>
        soort switch
        {
            DuoUrenSoort.ParticipatieTaalles => SendAsync<DuoGeenInhoud>("updateUrenParticipatieAlsTaallesByBsn", HttpMethod.Put, Person(call, "uren/participatietaalles"), new DuoUren(uren), call, ct),
            DuoUrenSoort.BredeIntakeTaallesKnm => SendAsync<DuoGeenInhoud>("updateUrenTaallesEnKnmByBSN", HttpMethod.Put, Person(call, "uren/bredeintake/taallesknm"), new DuoUren(uren), call, ct),
            _ => SendAsync<DuoGeenInhoud>("updateUrenParticipatieactiviteiten", HttpMethod.Put, Person(call, "uren/participatieactiviteiten"), new DuoUren(uren), call, ct),
        };

    private static string Person(DuoCall call, string rest) => $"personen/{Uri.EscapeDataString(call.Bsn.Value)}/{rest}";

    private async Task<PartnerResult<T>> SendAsync<T>(string operationId, HttpMethod method, string path, object? body, DuoCall call, CancellationToken ct)
    {
        var operation = OpenApiSpec.Duo.Operation(operationId);
        var bron = options.Value.OinFor(call.Gemeente);
        if (bron is null)
        {
            return PartnerResult.Failed<T>(PartnerOutcome.Permanent, $"Geen OIN geconfigureerd voor gemeente '{call.Gemeente}' (Partners:Duo:GemeenteOins).");
        }

        using var request = PartnerHttp.Request(method, path, body, idempotencyKey: null);
        request.Headers.Add("bron", bron);
        request.Headers.Add("doel", options.Value.DuoOin);
        request.Headers.Add("berichtId", DuoBerichtId.Derive(call.IdempotencyKey, operationId).ToString("D"));

        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, operationId, ct);
        return Interpret<T>(operation, response);
    }

    private PartnerResult<T> Interpret<T>(OpenApiOperation operation, PartnerResponse response)
    {
        var operationId = operation.OperationId;
        if (response.Status is not { } status)
        {
            return PartnerResult.Failed<T>(response.Misconfigured ? PartnerOutcome.Permanent : PartnerOutcome.Transient, response.TransportError ?? "DUO is niet bereikbaar.");
        }

        var code = (int)status;
        var expectedMajor = operation.Document.Version.Split('.')[0];
        if (response.ApiVersion is { } apiVersion && apiVersion.Split('.')[0] != expectedMajor && code < 500)
        {
            return Contract<T>(operationId, $"DUO antwoordde met API-Version {apiVersion}; verwacht {expectedMajor}.x.", status);
        }

        if (response.IsSuccess)
        {
            return Success<T>(operation, response.Body, status);
        }

        if (code is 408 or 429 || code >= 500)
        {
            return PartnerResult.Failed<T>(PartnerOutcome.Transient, $"DUO gaf HTTP {code} op {operationId}.", status);
        }

        var foutteksten = Foutteksten(response.Body);
        switch (code)
        {
            case 400:
                return Contract<T>(operationId, $"DUO: het verzoek {operationId} voldoet niet aan de specificatie{Suffix(foutteksten)}", status);
            case 401:
                return Contract<T>(operationId, $"DUO kon de afzender niet authenticeren bij {operationId} (PKIo-certificaat/OIN).", status);
            case 404:
                return PartnerResult.Failed<T>(PartnerOutcome.NotFound, "DUO kent deze persoon niet, of de persoon valt niet onder deze gemeente.", status);
        }

        if (foutteksten.Count > 0)
        {
            Log.PartnerRejected(logger, Partner, operationId, foutteksten.Count);
            return PartnerResult.Failed<T>(PartnerOutcome.Rejected, string.Join(" ", foutteksten), status, foutteksten);
        }

        return Contract<T>(operationId, code == 403
            ? $"DUO: niet geautoriseerd voor {operationId} (bron/doel OIN)."
            : $"DUO gaf HTTP {code} op {operationId}.", status);
    }

    private PartnerResult<T> Success<T>(OpenApiOperation operation, string body, HttpStatusCode status)
    {
        if (typeof(T) == typeof(DuoGeenInhoud))
        {
            return PartnerResult.Ok((T)(object)new DuoGeenInhoud(), status);
        }

        try
        {
            var node = JsonNode.Parse(body);
            var problems = SchemaValidator.ValidateResponse(operation, (int)status, node);
            if (problems.Count > 0)
            {
                return Contract<T>(operation.OperationId, $"DUO-antwoord op {operation.OperationId} wijkt af van de specificatie: {string.Join("; ", problems)}.", status);
            }

            var value = node.Deserialize<T>(PartnerHttp.Json);
            return value is null
                ? Contract<T>(operation.OperationId, $"DUO-antwoord op {operation.OperationId} is leeg.", status)
                : PartnerResult.Ok(value, status);
        }
        catch (JsonException)
        {
            return Contract<T>(operation.OperationId, $"DUO-antwoord op {operation.OperationId} is geen geldige JSON.", status);
        }
    }

    private PartnerResult<T> Contract<T>(string operationId, string message, HttpStatusCode status)
    {
        Log.PartnerContractError(logger, Partner, operationId, $"HTTP {(int)status}");
        return PartnerResult.Failed<T>(PartnerOutcome.Permanent, message, status);
    }

    private static string Suffix(List<string> foutteksten) => foutteksten.Count == 0 ? "." : ": " + string.Join("; ", foutteksten);

    /// <summary>DUO's <c>Foutmelding</c> texts from an error body: an array of <c>{fouttekst}</c> (403) or a single one.</summary>
    internal static List<string> Foutteksten(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var elements = doc.RootElement.ValueKind switch
            {
                JsonValueKind.Array => doc.RootElement.EnumerateArray().ToList(),
                JsonValueKind.Object => [doc.RootElement],
                _ => [],
            };
            return elements
                .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("fouttekst", out var t) && t.ValueKind == JsonValueKind.String)
                .Select(e => e.GetProperty("fouttekst").GetString()!)
                .Where(t => t.Length > 0)
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>Which total of gevolgde uren a melding sets (one PUT per kind in the Gevolgde Uren API).</summary>
public enum DuoUrenSoort
{
    /// <summary>PUT /uren/participatietaalles: uren taalles Nederlands en KNM bij een cursusinstelling in de leerroute.</summary>
    ParticipatieTaalles,

    /// <summary>PUT /uren/bredeintake/taallesknm: cursusuren NT2 en KNM tijdens de brede intake.</summary>
    BredeIntakeTaallesKnm,

    /// <summary>PUT /uren/participatieactiviteiten: uren participatieactiviteiten voor de Z-route (asielstatushouder).</summary>
    Participatieactiviteiten,
}
