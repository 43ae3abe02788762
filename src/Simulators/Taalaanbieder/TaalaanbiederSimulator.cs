using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Taalaanbieder;
using Inburgering.Simulators;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Inburgering.Simulators.Taalaanbieder;

/// <summary>A taalaanbieder the simulator plays: its arbeidsmarktregio's gemeenten and the leerroutes it was bought for.</summary>
public sealed record TaalaanbiederSimAanbieder(string Id, string Naam, string Regio, IReadOnlyList<string> Gemeenten, IReadOnlyList<string> Leerroutes);

/// <summary>
/// The simulated taalaanbieders. An aanmelding is confirmed five days after it arrives, starting on the first Monday
/// at least fourteen days after arrival (or the wished date if later); hours accrue per full week since the start at
/// the agreed hours per week (default B1 12, Z-route 10, Onderwijsroute 16), 80% taalles and 20% KNM, counted on the
/// simulator's (virtual) clock up to the peildatum.
/// </summary>
public sealed class TaalaanbiederSimulatorState(TimeProvider time)
{
    private static readonly string B1 = Leerroute.B1Route.ToTaalaanbiederCode();
    private static readonly string ZRoute = Leerroute.ZRoute.ToTaalaanbiederCode();
    private static readonly string Onderwijsroute = Leerroute.Onderwijsroute.ToTaalaanbiederCode();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Aanmelding Aanmelding, int UrenPerWeek, DateOnly? Gewenst)> _aanmeldingen = new(StringComparer.Ordinal);
    private int _next = 1;

    /// <summary>Ferm Werk's reality: regio Utrecht-Midden for Woerden, Montfoort, Oudewater; Midden-Holland for Bodegraven-Reeuwijk.</summary>
    public List<TaalaanbiederSimAanbieder> Aanbieders { get; } =
    [
        new("TA-UM-B1Z", "Taalaanbieder Utrecht-Midden (B1 en Z)", "Utrecht-Midden", ["0632", "0335", "0589"], [B1, ZRoute]),
        new("TA-UM-O", "Taalschakel Utrecht-Midden", "Utrecht-Midden", ["0632", "0335", "0589"], [Onderwijsroute]),
        new("TA-MH-B1Z", "Taalaanbieder Midden-Holland (B1 en Z)", "Midden-Holland", ["1901"], [B1, ZRoute]),
        new("TA-MH-O", "Taalschakel Midden-Holland", "Midden-Holland", ["1901"], [Onderwijsroute]),

        // The partner ids of the shipped Ferm Werk policy (workflow-definitions/gemeenten/fermwerk.json): one per region, every route.
        new("taal-utrecht-midden", "Taalaanbieder regio Utrecht Midden (Ferm Werk-beleid)", "Utrecht-Midden", ["0632", "0335", "0589"], [B1, ZRoute, Onderwijsroute]),
        new("taal-midden-holland", "Taalaanbieder regio Midden-Holland (Ferm Werk-beleid)", "Midden-Holland", ["1901"], [B1, ZRoute, Onderwijsroute]),

        // The partner ids of the SDD policy (sdd.json) and of WerkSaam's (werksaam.json).
        new("taal-drechtsteden", "Taalaanbieder regio Drechtsteden (SDD-beleid)", "Drechtsteden", ["0505", "0642", "0590", "0531"], [B1, ZRoute]),
        new("taalschakel-drechtsteden", "Taalschakeltraject regio Drechtsteden (SDD-beleid)", "Drechtsteden", ["0505", "0642", "0590", "0531"], [Onderwijsroute]),
        new("taal-westfriesland-b1", "Taalaanbieder Westfriesland B1-route (WerkSaam-beleid)", "Noord-Holland Noord", WestFriesland, [B1]),
        new("taal-westfriesland-z", "Taalaanbieder Westfriesland Z-route (WerkSaam-beleid)", "Noord-Holland Noord", WestFriesland, [ZRoute]),
        new("taalschakel-westfriesland", "Taalschakeltraject Westfriesland (WerkSaam-beleid)", "Noord-Holland Noord", WestFriesland, [Onderwijsroute]),
    ];

    private static string[] WestFriesland => ["0498", "0388", "0405", "1598", "0420", "0417", "0532"];

    /// <summary>
    /// After how many days an aanbieder confirms an aanmelding (5 by default). A full course (a waiting list) is a larger
    /// number: the keten's wait for the confirmation is bounded and asks the casusregisseur to follow it up.
    /// </summary>
    public int BevestigingNaDagen { get; set; } = 5;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _aanmeldingen.Count;
            }
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Checks the aanmelding against the aanbieder's region and leerroutes; null when accepted.</summary>
    internal (string Code, string Detail)? Check(AanmeldingVerzoek verzoek)
    {
        var aanbieder = Aanbieders.FirstOrDefault(a => a.Id == verzoek.TaalaanbiederId);
        if (aanbieder is null)
        {
            return ("ONBEKENDE_TAALAANBIEDER", "Deze taalaanbieder is onbekend.");
        }

        if (!aanbieder.Leerroutes.Contains(verzoek.Leerroute))
        {
            return ("LEERROUTE_NIET_AANGEBODEN", $"{aanbieder.Naam} biedt de leerroute {verzoek.Leerroute} niet aan.");
        }

        if (!aanbieder.Gemeenten.Contains(verzoek.Gemeentecode))
        {
            return ("BUITEN_REGIO", $"De gemeente valt niet in de arbeidsmarktregio {aanbieder.Regio} van {aanbieder.Naam}.");
        }

        return null;
    }

    internal Aanmelding Register(AanmeldingVerzoek verzoek)
    {
        lock (_gate)
        {
            var aanmelding = new Aanmelding($"AANM-{_next++:D6}", verzoek.TaalaanbiederId, verzoek.PersoonReferentie, verzoek.Leerroute, TaalaanbiederWaarden.Ontvangen, Today);
            var uren = verzoek.UrenPerWeek ?? Leerroute.Parse(verzoek.Leerroute) switch
            {
                Leerroute.ZRoute => 10,
                Leerroute.Onderwijsroute => 16,
                _ => 12,
            };
            _aanmeldingen[aanmelding.AanmeldingId] = (aanmelding, uren, verzoek.GewensteStartdatum);
            return aanmelding;
        }
    }

    internal Aanmelding? Get(string id)
    {
        lock (_gate)
        {
            return _aanmeldingen.TryGetValue(id, out var entry) ? Current(entry.Aanmelding, entry.Gewenst) : null;
        }
    }

    internal GevolgdeUren? Uren(string id, DateOnly peildatum)
    {
        lock (_gate)
        {
            if (!_aanmeldingen.TryGetValue(id, out var entry))
            {
                return null;
            }

            var aanmelding = Current(entry.Aanmelding, entry.Gewenst);
            var tot = peildatum < Today ? peildatum : Today;
            var weken = aanmelding.Startdatum is { } start && tot >= start && aanmelding.Status != TaalaanbiederWaarden.Afgewezen
                ? (tot.DayNumber - start.DayNumber + 1) / 7
                : 0;
            var totaal = weken * entry.UrenPerWeek;
            var knm = totaal / 5;
            return new GevolgdeUren(id, tot, totaal - knm, knm, totaal);
        }
    }

    /// <summary>Rejects an aanmelding (control API), e.g. to exercise the BPMN path.</summary>
    public bool Reject(string id, string reden)
    {
        lock (_gate)
        {
            if (!_aanmeldingen.TryGetValue(id, out var entry))
            {
                return false;
            }

            _aanmeldingen[id] = entry with { Aanmelding = entry.Aanmelding with { Status = TaalaanbiederWaarden.Afgewezen, Afwijzingsreden = reden } };
            return true;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _aanmeldingen.Clear();
        }
    }

    private Aanmelding Current(Aanmelding aanmelding, DateOnly? gewenst)
    {
        if (aanmelding.Status == TaalaanbiederWaarden.Afgewezen || Today < aanmelding.AanmeldDatum.AddDays(BevestigingNaDagen))
        {
            return aanmelding;
        }

        var start = aanmelding.AanmeldDatum.AddDays(Math.Max(14, BevestigingNaDagen));
        if (gewenst is { } g && g > start)
        {
            start = g;
        }

        while (start.DayOfWeek != DayOfWeek.Monday)
        {
            start = start.AddDays(1);
        }

        return aanmelding with { Status = Today >= start ? TaalaanbiederWaarden.Gestart : TaalaanbiederWaarden.Bevestigd, Startdatum = start };
    }
}

/// <summary>The taalaanbieder simulator's endpoints (one contract for all simulated aanbieders).</summary>
public static class TaalaanbiederSimulatorEndpoints
{
    public const string Partner = "taalaanbieder";

    public static IEndpointRouteBuilder MapTaalaanbiederSimulator(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapPartnerApi(prefix, Partner, PartnerSimulator.IdempotencyHeader);
        api.MapPost("/aanmeldingen", Aanmelden).WithName("taalaanbieder.aanmelden");
        api.MapGet("/aanmeldingen/{id}", Ophalen).WithName("taalaanbieder.aanmelding");
        api.MapGet("/aanmeldingen/{id}/uren", Uren).WithName("taalaanbieder.uren");

        var control = endpoints.MapSimulatorControl(prefix, Partner);
        control.MapGet("/aanbieders", (TaalaanbiederSimulatorState state) => TypedResults.Ok(state.Aanbieders));
        control.MapPost("/aanmeldingen/{id}/afwijzen", (string id, AfwijzingRequest request, TaalaanbiederSimulatorState state) =>
            state.Reject(id, request.Reden) ? Results.NoContent() : Results.NotFound());
        control.MapDelete("/", (TaalaanbiederSimulatorState state) =>
        {
            state.Reset();
            return TypedResults.NoContent();
        });
        return endpoints;
    }

    private static IResult Aanmelden(AanmeldingVerzoek verzoek, HttpContext http, TaalaanbiederSimulatorState state)
    {
        if (PartnerSimulator.MissingKey(http, out var key) is { } missing)
        {
            return missing;
        }

        if (!PersoonReferentie.LooksValid(verzoek.PersoonReferentie) || !Bsn.IsValid(verzoek.Bsn) || Gemeentecode.Normalize(verzoek.Gemeentecode) is null
            || !Leerroute.TryParse(verzoek.Leerroute, out var leerroute, out _) || leerroute.ToTaalaanbiederCode() != verzoek.Leerroute)
        {
            return PartnerSimulator.Invalid("persoonReferentie, bsn (elfproef), gemeentecode en leerroute (B1, Onderwijsroute, Z-route) zijn verplicht en moeten geldig zijn.");
        }

        var fingerprint = PartnerSimulator.Fingerprint(verzoek);
        return SimulatorEndpoints.Idempotent(http, Partner, key, fingerprint, () =>
            state.Check(verzoek) is { } refusal
                ? PartnerSimulator.Problem(StatusCodes.Status422UnprocessableEntity, "Aanmelding afgewezen", refusal.Detail, refusal.Code, fingerprint)
                : PartnerSimulator.Json(StatusCodes.Status201Created, state.Register(verzoek), fingerprint));
    }

    private static Results<Ok<Aanmelding>, ProblemHttpResult> Ophalen(string id, TaalaanbiederSimulatorState state) =>
        state.Get(id) is { } aanmelding
            ? TypedResults.Ok(aanmelding)
            : TypedResults.Problem(detail: "Onbekende aanmelding.", statusCode: StatusCodes.Status404NotFound);

    private static Results<Ok<GevolgdeUren>, ProblemHttpResult> Uren(string id, DateOnly peildatum, TaalaanbiederSimulatorState state) =>
        state.Uren(id, peildatum) is { } uren
            ? TypedResults.Ok(uren)
            : TypedResults.Problem(detail: "Onbekende aanmelding.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Control API body for rejecting an aanmelding.</summary>
    public sealed record AfwijzingRequest(string Reden);
}
