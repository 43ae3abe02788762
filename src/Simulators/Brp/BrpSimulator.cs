using System.Globalization;
using Inburgering.Activities.Brp;
using Inburgering.Simulators.Duo;
using Inburgering.Workflows.Personen;
using Inburgering.Workflows.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Inburgering.Simulators.Brp;

/// <summary>A registration to seed or a move to record (<c>POST {prefix}/_sim/inschrijvingen</c>): from <see cref="Datum"/> (default today) the person lives in <see cref="Gemeentecode"/>.</summary>
public sealed record BrpSimInschrijving(string Bsn, string Gemeentecode, DateOnly? Datum = null);

/// <summary>
/// The simulated BRP. A move recorded here (<see cref="Inschrijven"/>) is what a gemeente sees first, as in reality: the BRP is
/// the source, DUO learns of the move from it later. A person the BRP simulator was never told about is answered from the
/// simulated DUO's registry (its gemeente and datum vestiging), so the simulators agree on where a person lives without every
/// scenario seeding both; a move made through DUO's SS120/SS121 is therefore visible in the BRP as well.
/// </summary>
public sealed class BrpSimulatorState(TimeProvider time, DuoSimulatorState duo, PolicyCatalog? policy = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BrpSimInschrijving> _inschrijvingen = new(StringComparer.Ordinal);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Records that the person lives in the gemeente from the date (a move when the gemeente differs).</summary>
    public void Inschrijven(BrpSimInschrijving inschrijving)
    {
        var code = Gemeentecode.Normalize(inschrijving.Gemeentecode) ?? throw new ArgumentException("Gemeentecode must be four digits.", nameof(inschrijving));
        lock (_gate)
        {
            _inschrijvingen[inschrijving.Bsn] = inschrijving with { Gemeentecode = code, Datum = inschrijving.Datum ?? Today };
        }
    }

    /// <summary>Where the person is registered now: this simulator's own record, else the simulated DUO's; null when neither knows the BSN.</summary>
    public BrpSimInschrijving? Inschrijving(string bsn)
    {
        lock (_gate)
        {
            if (_inschrijvingen.TryGetValue(bsn, out var eigen))
            {
                return eigen;
            }
        }

        lock (duo.Gate)
        {
            return duo.Personen.TryGetValue(bsn, out var p) ? new BrpSimInschrijving(bsn, p.Gemeentecode, p.DatumVestiging) : null;
        }
    }

    internal BrpPersoon? Persoon(string bsn, IReadOnlyCollection<string>? fields)
    {
        if (Inschrijving(bsn) is not { } inschrijving)
        {
            return null;
        }

        bool Asked(string field) => fields is null || fields.Count == 0 || fields.Any(f => f == field || f.StartsWith(field + ".", StringComparison.Ordinal));
        var datum = Datum(inschrijving.Datum!.Value);
        return new BrpPersoon(
            Asked("burgerservicenummer") ? bsn : null,
            Asked("gemeenteVanInschrijving") ? new BrpWaardetabel(inschrijving.Gemeentecode, Naam(inschrijving.Gemeentecode)) : null,
            Asked("datumInschrijvingInGemeente") ? datum : null,
            Asked("verblijfplaats") ? new BrpVerblijfplaats("Adres", datum, new BrpVerblijfadres(Woonplaats: Naam(inschrijving.Gemeentecode))) : null);
    }

    private string Naam(string code) =>
        code == "1999" ? "Registratie Niet Ingezetenen (RNI)"
        : policy is not null && policy.TryFor(code, out var beleid) ? beleid.Naam
        : $"Gemeente {code}";

    private static BrpDatum Datum(DateOnly datum) =>
        new("Datum", datum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), datum.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL")));

    public void Reset()
    {
        lock (_gate)
        {
            _inschrijvingen.Clear();
        }
    }
}

/// <summary>The BRP simulator's endpoints: Haal Centraal BRP Personen bevragen (<c>POST {prefix}/haalcentraal/api/brp/personen</c>).</summary>
public static class BrpSimulatorEndpoints
{
    public const string Partner = "brp";

    /// <summary>Haal Centraal allows at most 20 BSNs per RaadpleegMetBurgerservicenummer.</summary>
    private const int MaxBsns = 20;

    public static IEndpointRouteBuilder MapBrpSimulator(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapPartnerApi(prefix, Partner, PartnerSimulator.IdempotencyHeader);
        api.MapPost("/haalcentraal/api/brp/personen", Personen).WithName("brp.personen");

        var control = endpoints.MapSimulatorControl(prefix, Partner);
        control.MapPost("/inschrijvingen", (BrpSimInschrijving inschrijving, BrpSimulatorState state) =>
        {
            if (!Bsn.IsValid(inschrijving.Bsn) || Gemeentecode.Normalize(inschrijving.Gemeentecode) is null)
            {
                return (IResult)PartnerSimulator.Invalid("bsn (elfproef) en gemeentecode (4 cijfers) zijn verplicht.");
            }

            state.Inschrijven(inschrijving);
            return TypedResults.NoContent();
        });
        control.MapGet("/inschrijvingen/{bsn}", (string bsn, BrpSimulatorState state) =>
            state.Inschrijving(bsn) is { } inschrijving ? (IResult)TypedResults.Ok(inschrijving) : TypedResults.NotFound());
        control.MapDelete("/", (BrpSimulatorState state) =>
        {
            state.Reset();
            return TypedResults.NoContent();
        });
        return endpoints;
    }

    /// <summary>
    /// RaadpleegMetBurgerservicenummer: the persons of the BSNs asked (unknown ones are left out, as the API does), only those
    /// registered in <c>gemeenteVanInschrijving</c> when given. Another query type is a 400, as Haal Centraal answers it.
    /// </summary>
    private static IResult Personen(BrpPersonenVraag vraag, BrpSimulatorState state)
    {
        if (vraag.Type != BrpPersonenVraag.RaadpleegMetBurgerservicenummer)
        {
            return PartnerSimulator.Invalid($"type '{vraag.Type}' wordt door deze simulator niet ondersteund; alleen {BrpPersonenVraag.RaadpleegMetBurgerservicenummer}.");
        }

        if (vraag.Burgerservicenummer is not { Count: > 0 and <= MaxBsns } bsns || bsns.Any(b => b is not { Length: 9 } || !b.All(char.IsAsciiDigit)))
        {
            return PartnerSimulator.Invalid($"burgerservicenummer is verplicht: 1 tot {MaxBsns} nummers van 9 cijfers.");
        }

        if (vraag.Fields is not { Count: > 0 })
        {
            return PartnerSimulator.Invalid("fields is verplicht: noem de gevraagde velden.");
        }

        var gemeente = vraag.GemeenteVanInschrijving is { Length: > 0 } g ? Gemeentecode.Normalize(g) : null;
        if (vraag.GemeenteVanInschrijving is { Length: > 0 } && gemeente is null)
        {
            return PartnerSimulator.Invalid("gemeenteVanInschrijving is een gemeentecode van 4 cijfers.");
        }

        var personen = bsns.Distinct(StringComparer.Ordinal)
            .Select(b => (Bsn: b, Inschrijving: state.Inschrijving(b)))
            .Where(x => x.Inschrijving is not null && (gemeente is null || x.Inschrijving.Gemeentecode == gemeente))
            .Select(x => state.Persoon(x.Bsn, vraag.Fields)!)
            .ToList();
        return TypedResults.Ok(new BrpPersonenAntwoord(BrpPersonenVraag.RaadpleegMetBurgerservicenummer, personen));
    }
}
