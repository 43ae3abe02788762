using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Intake;
using Inburgering.Simulators;
using Inburgering.Simulators.Duo;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Inburgering.Simulators.Intake;

/// <summary>A fixed outcome for one person (seed it before the toets is taken).</summary>
public sealed record IntakeSimUitslag(string PersoonReferentie, string Uitslag, string BehaaldeScore = "45,00", string? AdviesLeerroute = null, bool Verschenen = true);

/// <summary>
/// The simulated toetsafnemer's memory. A toets is taken one day after its appointment (on the simulator's clock);
/// the outcome is seeded per PersoonReferentie or else derived from it deterministically. When a toets is taken and
/// the simulated DUO knows the person, the result is registered there too and DUO notifies SS131, as in the chain.
/// </summary>
public sealed class IntakeSimulatorState(TimeProvider time, DuoSimulatorState duo)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Leerbaarheidstoets Toets, string Bsn)> _toetsen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IntakeSimUitslag> _uitslagen = new(StringComparer.Ordinal);
    private int _next = 1;

    /// <summary>The gemeenten under contract (the four of Ferm Werk by default).</summary>
    public HashSet<string> Gemeenten { get; } = ["0632", "1901", "0335", "0589", "0505", "0642", "0590", "0531", "0498", "0388", "0405", "1598", "0420", "0417", "0532"];

    public void SeedUitslag(IntakeSimUitslag uitslag)
    {
        lock (_gate)
        {
            _uitslagen[uitslag.PersoonReferentie] = uitslag;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _toetsen.Count;
            }
        }
    }

    internal Leerbaarheidstoets Plan(LeerbaarheidstoetsAanvraag aanvraag)
    {
        lock (_gate)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var dag = aanvraag.VroegsteDatum is { } vroegst && vroegst > today.AddDays(7) ? vroegst : today.AddDays(7);
            while (dag.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                dag = dag.AddDays(1);
            }

            var toets = new Leerbaarheidstoets(
                $"LBT-{_next++:D6}",
                aanvraag.PersoonReferentie,
                IntakeWaarden.Gepland,
                new DateTimeOffset(dag.ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero),
                Locatie(aanvraag.Gemeentecode));
            _toetsen[toets.ToetsId] = (toets, aanvraag.Bsn);
            return toets;
        }
    }

    internal Leerbaarheidstoets? Get(string toetsId)
    {
        lock (_gate)
        {
            if (!_toetsen.TryGetValue(toetsId, out var entry))
            {
                return null;
            }

            var (toets, bsn) = entry;
            if (toets.Status == IntakeWaarden.Gepland && time.GetUtcNow() >= toets.AfspraakDatumTijd.AddDays(1))
            {
                toets = Take(toets, bsn);
                _toetsen[toetsId] = (toets, bsn);
            }

            return toets;
        }
    }

    /// <summary>Cancels a planned toets; null when unknown; the toets unchanged (not Geannuleerd) when it was taken or missed.</summary>
    internal Leerbaarheidstoets? Cancel(string toetsId)
    {
        lock (_gate)
        {
            if (Get(toetsId) is not { } toets)
            {
                return null;
            }

            if (toets.Status != IntakeWaarden.Gepland)
            {
                return toets;
            }

            var cancelled = toets with { Status = IntakeWaarden.Geannuleerd };
            _toetsen[toetsId] = (cancelled, _toetsen[toetsId].Bsn);
            return cancelled;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _toetsen.Clear();
            _uitslagen.Clear();
        }
    }

    private Leerbaarheidstoets Take(Leerbaarheidstoets toets, string bsn)
    {
        var uitslag = _uitslagen.GetValueOrDefault(toets.PersoonReferentie) ?? Derived(toets.PersoonReferentie);
        if (!uitslag.Verschenen)
        {
            return toets with { Status = IntakeWaarden.NietVerschenen };
        }

        var afname = DateOnly.FromDateTime(toets.AfspraakDatumTijd.UtcDateTime);
        var advies = uitslag.AdviesLeerroute ?? (uitslag.Uitslag == IntakeWaarden.B1Haalbaar ? Leerroute.B1Route : Leerroute.ZRoute).ToTaalaanbiederCode();
        var taken = toets with
        {
            Status = IntakeWaarden.Afgenomen,
            Uitslag = uitslag.Uitslag,
            BehaaldeScore = uitslag.BehaaldeScore,
            BenodigdeScore = "40,00",
            AdviesLeerroute = advies,
            DatumAfname = afname,
        };
        lock (duo.Gate)
        {
            if (duo.Personen.TryGetValue(bsn, out var persoon))
            {
                persoon.LbtResultaten.Add(new DuoLbtResultaat(uitslag.Uitslag, uitslag.BehaaldeScore, "40,00", afname));
                duo.Enqueue(persoon, "SS131");
            }
        }

        return taken;
    }

    /// <summary>A deterministic outcome from the reference: score 20,00..59,99; 40,00 and up means B1 haalbaar.</summary>
    private static IntakeSimUitslag Derived(string persoonReferentie)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(persoonReferentie));
        var hundredths = 2000 + (int)(BitConverter.ToUInt32(hash, 0) % 4000);
        var score = (hundredths / 100m).ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
        return new IntakeSimUitslag(persoonReferentie, hundredths >= 4000 ? IntakeWaarden.B1Haalbaar : IntakeWaarden.B1NietHaalbaar, score);
    }

    private static string Locatie(string gemeentecode) => gemeentecode switch
    {
        "0632" => "Woerden, Toetslocatie Ferm Werk",
        "1901" => "Bodegraven, Toetslocatie Ferm Werk",
        "0335" => "Montfoort, Stadhuis",
        "0589" => "Oudewater, Stadhuis",
        _ => "Toetslocatie",
    };
}

/// <summary>The intake simulator's endpoints.</summary>
public static class IntakeSimulatorEndpoints
{
    public const string Partner = "intake";

    public static IEndpointRouteBuilder MapIntakeSimulator(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapPartnerApi(prefix, Partner, PartnerSimulator.IdempotencyHeader);
        api.MapPost("/leerbaarheidstoetsen", Aanvragen).WithName("intake.aanvragen");
        api.MapGet("/leerbaarheidstoetsen/{toetsId}", Ophalen).WithName("intake.ophalen");
        api.MapPost("/leerbaarheidstoetsen/{toetsId}/annuleren", Annuleren).WithName("intake.annuleren");

        var control = endpoints.MapSimulatorControl(prefix, Partner);
        control.MapPost("/uitslagen", (IntakeSimUitslag uitslag, IntakeSimulatorState state) =>
        {
            state.SeedUitslag(uitslag);
            return TypedResults.NoContent();
        });
        control.MapDelete("/", (IntakeSimulatorState state) =>
        {
            state.Reset();
            return TypedResults.NoContent();
        });
        return endpoints;
    }

    private static IResult Aanvragen(LeerbaarheidstoetsAanvraag aanvraag, HttpContext http, IntakeSimulatorState state)
    {
        if (PartnerSimulator.MissingKey(http, out var key) is { } missing)
        {
            return missing;
        }

        if (!PersoonReferentie.LooksValid(aanvraag.PersoonReferentie) || !Bsn.IsValid(aanvraag.Bsn) || Gemeentecode.Normalize(aanvraag.Gemeentecode) is null)
        {
            return PartnerSimulator.Invalid("persoonReferentie, bsn (elfproef) en gemeentecode (4 cijfers) zijn verplicht en moeten geldig zijn.");
        }

        var fingerprint = PartnerSimulator.Fingerprint(aanvraag);
        return SimulatorEndpoints.Idempotent(http, Partner, key, fingerprint, () =>
            state.Gemeenten.Contains(aanvraag.Gemeentecode)
                ? PartnerSimulator.Json(StatusCodes.Status201Created, state.Plan(aanvraag), fingerprint)
                : PartnerSimulator.Problem(StatusCodes.Status422UnprocessableEntity, "Gemeente niet gecontracteerd", "Deze gemeente valt niet onder het contract met de toetsafnemer.", "GEMEENTE_NIET_GECONTRACTEERD", fingerprint));
    }

    private static IResult Annuleren(string toetsId, HttpContext http, IntakeSimulatorState state)
    {
        if (PartnerSimulator.MissingKey(http, out var key) is { } missing)
        {
            return missing;
        }

        var fingerprint = PartnerSimulator.Fingerprint(new { toetsId });
        return SimulatorEndpoints.Idempotent(http, Partner, key, fingerprint, () => state.Cancel(toetsId) switch
        {
            null => PartnerSimulator.Problem(StatusCodes.Status404NotFound, "Onbekende leerbaarheidstoets", "Onbekende leerbaarheidstoets.", "TOETS_ONBEKEND", fingerprint),
            { Status: IntakeWaarden.Geannuleerd } toets => PartnerSimulator.Json(StatusCodes.Status200OK, toets, fingerprint),
            var toets => PartnerSimulator.Problem(StatusCodes.Status409Conflict, "Toets al afgenomen", $"De leerbaarheidstoets is al {(toets.Status == IntakeWaarden.Afgenomen ? "afgenomen" : "voorbij (niet verschenen)")} en kan niet meer worden geannuleerd.", IntakeWaarden.AlAfgenomen, fingerprint),
        });
    }

    private static Results<Ok<Leerbaarheidstoets>, ProblemHttpResult> Ophalen(string toetsId, IntakeSimulatorState state) =>
        state.Get(toetsId) is { } toets
            ? TypedResults.Ok(toets)
            : TypedResults.Problem(detail: "Onbekende leerbaarheidstoets.", statusCode: StatusCodes.Status404NotFound);
}
