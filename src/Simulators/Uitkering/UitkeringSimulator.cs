using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Uitkering;
using Inburgering.Simulators;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Inburgering.Simulators.Uitkering;

/// <summary>A bijstand right to seed (<c>POST {prefix}/_sim/bijstand</c>), for the leefeenheid <see cref="HuishoudenId"/> when given.</summary>
public sealed record UitkeringSimBijstand(string Bsn, string Gemeentecode, DateOnly Ingangsdatum, DateOnly? Einddatum = null, string? HuishoudenId = null);

/// <summary>The simulated Participatiewet system: bijstand rights by BSN and ontzorgingen.</summary>
public sealed class UitkeringSimulatorState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UitkeringSimBijstand> _bijstand = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Ontzorging Ontzorging, string Bsn, string? Huishouden)> _ontzorgingen = new(StringComparer.Ordinal);
    private int _next = 1;

    public void SeedBijstand(UitkeringSimBijstand bijstand)
    {
        lock (_gate)
        {
            _bijstand[bijstand.Bsn] = bijstand;
        }
    }

    public IReadOnlyList<Ontzorging> Ontzorgingen(string persoonReferentie)
    {
        lock (_gate)
        {
            return _ontzorgingen.Values.Select(v => v.Ontzorging).Where(o => o.PersoonReferentie == persoonReferentie).ToList();
        }
    }

    /// <summary>Every ontzorging of the household <paramref name="huishoudenId"/> (to see that a household is ontzorgd once).</summary>
    public IReadOnlyList<Ontzorging> OntzorgingenVanHuishouden(string huishoudenId)
    {
        lock (_gate)
        {
            return _ontzorgingen.Values.Where(v => v.Huishouden == huishoudenId).Select(v => v.Ontzorging).ToList();
        }
    }

    internal BijstandStatus Status(string bsn, string? huishoudenId)
    {
        lock (_gate)
        {
            var huishouden = Huishouden(bsn, huishoudenId);
            var lopend = Lopend(bsn, huishouden)?.OntzorgingId;
            var eigen = Lopend(bsn, null)?.OntzorgingId;
            return _bijstand.TryGetValue(bsn, out var b)
                ? new BijstandStatus(true, b.Ingangsdatum, b.Einddatum, b.Gemeentecode, lopend, eigen, huishouden)
                : new BijstandStatus(false, HuishoudenOntzorgingId: lopend, OntzorgingId: eigen, HuishoudenId: huishouden);
        }
    }

    /// <summary>The leefeenheid: as the bijstand was granted (seeded), else as the keten says. Called under the lock.</summary>
    private string? Huishouden(string bsn, string? huishoudenId) =>
        _bijstand.TryGetValue(bsn, out var b) && !string.IsNullOrWhiteSpace(b.HuishoudenId) ? b.HuishoudenId : huishoudenId;

    /// <summary>The active ontzorging of this person or of the household (the leefeenheid is ontzorgd once).</summary>
    private Ontzorging? Lopend(string bsn, string? huishoudenId) =>
        _ontzorgingen.Values.FirstOrDefault(o => o.Ontzorging.Status == UitkeringWaarden.Actief && (o.Bsn == bsn || (huishoudenId is not null && o.Huishouden == huishoudenId))).Ontzorging;

    internal (Ontzorging? Ontzorging, string? Code, string? Detail) Start(OntzorgingStartVerzoek verzoek)
    {
        lock (_gate)
        {
            if (!_bijstand.TryGetValue(verzoek.Bsn, out var b) || verzoek.Ingangsdatum < b.Ingangsdatum || (b.Einddatum is { } eind && verzoek.Ingangsdatum > eind))
            {
                return (null, "GEEN_BIJSTAND", "De inburgeraar heeft op de ingangsdatum geen recht op bijstand.");
            }

            var huishouden = Huishouden(verzoek.Bsn, verzoek.HuishoudenId);
            if (Lopend(verzoek.Bsn, huishouden) is { } lopend)
            {
                return (null, "ONTZORGING_LOOPT_AL", $"Er loopt al een ontzorging voor deze persoon of dit huishouden ({lopend.OntzorgingId}).");
            }

            var ontzorging = new Ontzorging(
                $"ONTZ-{_next++:D6}",
                verzoek.PersoonReferentie,
                UitkeringWaarden.Actief,
                verzoek.Ingangsdatum,
                verzoek.Kostenposten,
                verzoek.Kostenposten.Sum(k => k.BedragPerMaand));
            _ontzorgingen[ontzorging.OntzorgingId] = (ontzorging, verzoek.Bsn, huishouden);
            return (ontzorging, null, null);
        }
    }

    internal (Ontzorging? Ontzorging, string? Code, string? Detail) Stop(string id, OntzorgingStopVerzoek verzoek)
    {
        lock (_gate)
        {
            if (!_ontzorgingen.TryGetValue(id, out var entry))
            {
                return (null, "ONBEKEND", "Onbekende ontzorging.");
            }

            if (entry.Ontzorging.Status == UitkeringWaarden.Beeindigd)
            {
                return (entry.Ontzorging, null, null);
            }

            if (verzoek.Einddatum < entry.Ontzorging.Ingangsdatum)
            {
                return (null, "EINDDATUM_VOOR_INGANG", "De einddatum ligt voor de ingangsdatum van de ontzorging.");
            }

            var stopped = entry.Ontzorging with { Status = UitkeringWaarden.Beeindigd, Einddatum = verzoek.Einddatum, Reden = verzoek.Reden };
            _ontzorgingen[id] = (stopped, entry.Bsn, entry.Huishouden);
            return (stopped, null, null);
        }
    }

    internal Ontzorging? Get(string id)
    {
        lock (_gate)
        {
            return _ontzorgingen.TryGetValue(id, out var entry) ? entry.Ontzorging : null;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _bijstand.Clear();
            _ontzorgingen.Clear();
        }
    }
}

/// <summary>The Participatiewet simulator's endpoints.</summary>
public static class UitkeringSimulatorEndpoints
{
    public const string Partner = "uitkering";

    public static IEndpointRouteBuilder MapUitkeringSimulator(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapPartnerApi(prefix, Partner, PartnerSimulator.IdempotencyHeader);
        api.MapPost("/ontzorgingen", Starten).WithName("uitkering.ontzorging-starten");
        api.MapPost("/ontzorgingen/{id}/beeindiging", Stoppen).WithName("uitkering.ontzorging-stoppen");
        api.MapGet("/ontzorgingen/{id}", Ophalen).WithName("uitkering.ontzorging");
        api.MapPost("/bijstand/status", (BijstandStatusVraag vraag, UitkeringSimulatorState state) =>
            Bsn.IsValid(vraag.Bsn) ? Results.Ok(state.Status(vraag.Bsn, string.IsNullOrWhiteSpace(vraag.HuishoudenId) ? null : vraag.HuishoudenId)) : PartnerSimulator.Invalid("bsn voldoet niet aan de elfproef."))
            .WithName("uitkering.bijstand-status");

        var control = endpoints.MapSimulatorControl(prefix, Partner);
        control.MapPost("/bijstand", (UitkeringSimBijstand bijstand, UitkeringSimulatorState state) =>
        {
            state.SeedBijstand(bijstand);
            return TypedResults.NoContent();
        });
        control.MapDelete("/", (UitkeringSimulatorState state) =>
        {
            state.Reset();
            return TypedResults.NoContent();
        });
        return endpoints;
    }

    private static IResult Starten(OntzorgingStartVerzoek verzoek, HttpContext http, UitkeringSimulatorState state)
    {
        if (PartnerSimulator.MissingKey(http, out var key) is { } missing)
        {
            return missing;
        }

        if (!PersoonReferentie.LooksValid(verzoek.PersoonReferentie) || !Bsn.IsValid(verzoek.Bsn) || Gemeentecode.Normalize(verzoek.Gemeentecode) is null
            || verzoek.Kostenposten is not { Count: > 0 }
            || verzoek.Kostenposten.Any(k => !UitkeringWaarden.Kostensoorten.Contains(k.Soort) || k.BedragPerMaand <= 0 || string.IsNullOrWhiteSpace(k.Crediteur)
                || (k.Iban is not null && !Iban.IsValid(k.Iban))))
        {
            return PartnerSimulator.Invalid("persoonReferentie, bsn, gemeentecode en minstens één kostenpost (bekende soort, crediteur, bedrag > 0, een geldige IBAN als die er is) zijn verplicht.");
        }

        var fingerprint = PartnerSimulator.Fingerprint(verzoek);
        return SimulatorEndpoints.Idempotent(http, Partner, key, fingerprint, () =>
        {
            var (ontzorging, code, detail) = state.Start(verzoek);
            return ontzorging is not null
                ? PartnerSimulator.Json(StatusCodes.Status201Created, ontzorging, fingerprint)
                : PartnerSimulator.Problem(code == "GEEN_BIJSTAND" ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict, "Ontzorging niet gestart", detail!, code!, fingerprint);
        });
    }

    private static IResult Stoppen(string id, OntzorgingStopVerzoek verzoek, HttpContext http, UitkeringSimulatorState state)
    {
        if (PartnerSimulator.MissingKey(http, out var key) is { } missing)
        {
            return missing;
        }

        var fingerprint = PartnerSimulator.Fingerprint(new { id, verzoek });
        return SimulatorEndpoints.Idempotent(http, Partner, key, fingerprint, () =>
        {
            var (ontzorging, code, detail) = state.Stop(id, verzoek);
            return ontzorging is not null
                ? PartnerSimulator.Json(StatusCodes.Status200OK, ontzorging, fingerprint)
                : PartnerSimulator.Problem(code == "ONBEKEND" ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity, "Ontzorging niet gestopt", detail!, code!, fingerprint);
        });
    }

    private static Results<Ok<Ontzorging>, ProblemHttpResult> Ophalen(string id, UitkeringSimulatorState state) =>
        state.Get(id) is { } ontzorging
            ? TypedResults.Ok(ontzorging)
            : TypedResults.Problem(detail: "Onbekende ontzorging.", statusCode: StatusCodes.Status404NotFound);
}
