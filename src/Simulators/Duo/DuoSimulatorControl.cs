using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Simulators;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Inburgering.Simulators.Duo;

/// <summary>A request to let the simulated DUO emit a gebeurtenis (with its effect on the person, where it has one).</summary>
public sealed record DuoSimGebeurtenisRequest(
    string Bsn,
    string GebeurtenisId,
    /// <summary>SS120/SS121: the gemeente the person moved to.</summary>
    string? Gemeentecode = null,
    /// <summary>SS104: extension in weeks (default 16).</summary>
    int? Weken = null,
    /// <summary>
    /// Only the notificatie, without its effect on DUO's registration: a melding that DUO's own data contradicts (one DUO
    /// later corrects). What the Inburgeringsplicht API says is then unchanged.
    /// </summary>
    bool AlleenMelding = false);

/// <summary>A leerbaarheidstoets result to register (the toetsafnemer's side of DUO), followed by SS131.</summary>
public sealed record DuoSimLbtResultaatRequest(string Resultaat, string BehaaldeScore = "50,00", string BenodigdeScore = "40,00", DateOnly? DatumAfname = null);

/// <summary>A contactpersoon to register for a gemeente through the control API.</summary>
public sealed record DuoSimContactpersoonSeed(string Gemeentecode, string Naam, string Email, string Telefoonnummer);

/// <summary>The DUO simulator's control API under <c>{prefix}/_sim</c>.</summary>
internal static class DuoSimulatorControl
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPost("/personen", Seed);
        control.MapGet("/personen/{bsn}", Inspect);
        control.MapPost("/personen/{bsn}/lbt-resultaten", AddLbtResultaat);
        control.MapPost("/personen/{bsn}/examenresultaten", AddExamenresultaat);
        control.MapPost("/notificaties", EmitAsync);
        control.MapPost("/notificaties/bezorgen", DeliverAsync);
        control.MapGet("/notificaties", (DuoSimulatorState state) => TypedResults.Ok(state.Notificaties()));
        control.MapGet("/contactpersonen", (DuoSimulatorState state) => TypedResults.Ok(state.ContactpersonenSnapshot()));
        control.MapPost("/contactpersonen", RegisterContactpersoon);
        control.MapDelete("/", Reset);
    }

    /// <summary>A contactpersoon the gemeente registered at DUO before (its id goes into the gemeente's policy).</summary>
    private static Results<Created<DuoSimContactpersoon>, ProblemHttpResult> RegisterContactpersoon(DuoSimContactpersoonSeed seed, DuoSimulatorState state)
    {
        if (Gemeentecode.Normalize(seed.Gemeentecode) is not { } gemeente || string.IsNullOrWhiteSpace(seed.Naam) || string.IsNullOrWhiteSpace(seed.Email) || string.IsNullOrWhiteSpace(seed.Telefoonnummer))
        {
            return TypedResults.Problem("gemeentecode (4 cijfers), naam, email en telefoonnummer zijn verplicht.", statusCode: StatusCodes.Status400BadRequest);
        }

        var contactpersoon = state.RegisterContactpersoon(gemeente, new DuoContactpersoongegevens(seed.Naam, seed.Email, seed.Telefoonnummer));
        return TypedResults.Created($"contactpersonen/{contactpersoon.Id}", contactpersoon);
    }

    private static Results<Created<DuoSimPersoon>, ProblemHttpResult> Seed(DuoSimPersoonSeed seed, DuoSimulatorState state)
    {
        if (Gemeentecode.Normalize(seed.Gemeentecode) is null || seed.Bsn is not { Length: 9 })
        {
            return TypedResults.Problem("bsn (9 cijfers) en gemeentecode (4 cijfers) zijn verplicht.", statusCode: StatusCodes.Status400BadRequest);
        }

        // DUO registers only real BSNs: a person whose BSN fails the elfproef could never be notified about (the gemeente's
        // notificatie endpoint refuses the bericht with 400), so the simulator refuses to seed one.
        if (!Bsn.IsValid(seed.Bsn))
        {
            return TypedResults.Problem($"BSN {seed.Bsn} voldoet niet aan de elfproef; DUO kent alleen geldige BSN's.", statusCode: StatusCodes.Status400BadRequest);
        }

        var persoon = state.Seed(seed);
        return TypedResults.Created($"personen/{seed.Bsn}", persoon);
    }

    private static Results<Ok<DuoSimPersoon>, NotFound> Inspect(string bsn, DuoSimulatorState state) =>
        state.Persoon(bsn) is { } persoon ? TypedResults.Ok(persoon) : TypedResults.NotFound();

    private static Results<Ok, NotFound> AddLbtResultaat(string bsn, DuoSimLbtResultaatRequest request, DuoSimulatorState state)
    {
        lock (state.Gate)
        {
            if (!state.Personen.TryGetValue(bsn, out var persoon))
            {
                return TypedResults.NotFound();
            }

            persoon.LbtResultaten.Add(new DuoLbtResultaat(request.Resultaat, request.BehaaldeScore, request.BenodigdeScore, request.DatumAfname ?? state.Today));
            state.Enqueue(persoon, "SS131");
            return TypedResults.Ok();
        }
    }

    private static Results<Ok, NotFound> AddExamenresultaat(string bsn, DuoExamenresultaat resultaat, DuoSimulatorState state)
    {
        lock (state.Gate)
        {
            if (!state.Personen.TryGetValue(bsn, out var persoon))
            {
                return TypedResults.NotFound();
            }

            persoon.Examenresultaten.Add(resultaat);
            state.Enqueue(persoon, "SS199");
            return TypedResults.Ok();
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<DuoSimNotificatie>>, NotFound>> EmitAsync(
        DuoSimGebeurtenisRequest request,
        DuoSimulatorState state,
        DuoNotificatieVerzender verzender,
        CancellationToken cancellationToken)
    {
        if (!state.Emit(request))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await verzender.DeliverPendingAsync(cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<DuoSimNotificatie>>> DeliverAsync(DuoNotificatieVerzender verzender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verzender.DeliverPendingAsync(cancellationToken));

    private static NoContent Reset(DuoSimulatorState state, RequestJournal journal, IdempotencyStore store, SimulatorFailures failures)
    {
        state.Reset();
        journal.Clear(DuoSimulatorEndpoints.Partner);
        store.Clear(DuoSimulatorEndpoints.Partner);
        failures.For(DuoSimulatorEndpoints.Partner).Reset();
        return TypedResults.NoContent();
    }
}
