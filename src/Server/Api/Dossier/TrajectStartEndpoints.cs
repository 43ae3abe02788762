using System.Globalization;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;
using Inburgering.Workflows.Personen;

namespace Inburgering.Server.Api.Dossier;

/// <summary>
/// Starting a traject by hand when a melding reaches the gemeente outside DUO's feed: the same message a DUO notificatie
/// starts it with (the BSN turned into the PersoonReferentie, the same variables), plus the person's name and where the
/// melding came from. The BSN is used once here and never appears in a URL or a log line.
/// </summary>
public static class TrajectStartEndpoints
{
    /// <summary>The notificaties that may start a traject, as a consulent chooses them.</summary>
    public static readonly IReadOnlyList<string> StartGebeurtenissen = ["SS139", "SS101", "SS128", "SS129", "SS120", "SS121"];

    public sealed record StartRequest(string? Bsn, string? Naam, string? Gemeente, string? Gebeurtenis, string? Toelichting);

    public sealed record StartedView(Guid Id, string PersoonReferentie);

    public sealed record GebeurtenisView(string Id, string Omschrijving);

    public static void MapTrajectStart(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/trajecten").WithTags("Dossier");
        group.MapGet("/start-gebeurtenissen", () => TypedResults.Ok(StartGebeurtenissen.Select(id => new GebeurtenisView(id, DuoNotificatieMapping.Catalogus[id].Omschrijving)).ToList()))
            .WithSummary("De meldingen waarmee een traject met de hand kan starten (dezelfde als de DUO-notificaties die een traject starten).");
        group.MapPost("", StartAsync).RequireAuthorization(Policies.CaseWork)
            .WithSummary("Start een traject met de hand: {bsn, naam, gemeente, gebeurtenis, toelichting}. 201 met het traject; 409 als er al een loopt voor deze persoon.");
    }

    private static async Task<IResult> StartAsync(StartRequest? request, ProcessEngine engine, EngineQueries queries, PersoonReferentieGenerator referenties, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        var errors = new List<Forms.FieldError>();
        var bsn = new string((request?.Bsn ?? "").Where(char.IsAsciiDigit).ToArray());
        if (bsn.Length == 0)
        {
            errors.Add(new("bsn", "BSN", "traject.bsn-required", "BSN is verplicht."));
        }
        else if (!Bsn.IsValid(bsn))
        {
            errors.Add(new("bsn", "BSN", "traject.bsn-invalid", "Dit is geen geldig BSN: negen cijfers die de elfproef doorstaan."));
        }

        var naam = request?.Naam?.Trim();
        if (string.IsNullOrEmpty(naam))
        {
            errors.Add(new("naam", "Naam", "traject.naam-required", "Naam is verplicht."));
        }
        else if (naam.Length > 200)
        {
            errors.Add(new("naam", "Naam", "traject.naam-too-long", "Naam mag hoogstens 200 tekens hebben."));
        }

        var gemeente = request?.Gemeente?.Trim();
        if (string.IsNullOrEmpty(gemeente))
        {
            errors.Add(new("gemeente", "Gemeente", "traject.gemeente-required", "Kies de gemeente."));
        }
        else if (!Gemeentecodes.IsValid(gemeente) || !actor.MayAccess(gemeente))
        {
            errors.Add(new("gemeente", "Gemeente", "traject.gemeente-not-yours", "U werkt niet voor deze gemeente."));
        }

        var gebeurtenis = request?.Gebeurtenis?.Trim().ToUpperInvariant();
        if (gebeurtenis is null || !StartGebeurtenissen.Contains(gebeurtenis))
        {
            errors.Add(new("gebeurtenis", "Melding", "traject.gebeurtenis-invalid", "Kies wat er gemeld is."));
        }

        if (request?.Toelichting is { Length: > 2000 })
        {
            errors.Add(new("toelichting", "Toelichting", "traject.toelichting-too-long", "Toelichting mag hoogstens 2000 tekens hebben."));
        }

        if (errors.Count > 0)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Melding niet in orde", ServerErrors.TrajectInvalid, string.Join(" ", errors.Select(e => e.Message)), new Dictionary<string, object?> { ["errors"] = errors });
        }

        var message = DuoNotificatieMapping.Map(new DuoNotificatie(time.GetUtcNow(), gebeurtenis!, bsn), b => referenties.For(Bsn.Parse(b)));
        var referentie = message.CorrelationKey!;
        var running = await queries.InstancesAsync(new InstanceFilter(DefinitionKey: "inburgeringstraject", BusinessKey: referentie, TenantId: gemeente, Status: "active"), actor, new Paging(1, 1), cancellationToken);
        if (running.Items.Count > 0 && running.Items[0] is { } existing)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Er loopt al een traject", ServerErrors.TrajectAlreadyRunning, ErrorTexts.Describe(ServerErrors.TrajectAlreadyRunning), new Dictionary<string, object?> { ["trajectId"] = existing.Id });
        }

        message.Variables["inburgeraarNaam"] = naam;
        message.Variables["meldingBron"] = "handmatig";
        message.Variables["meldingDoor"] = actor.Name;
        message.Variables["meldingOp"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(request!.Toelichting))
        {
            message.Variables["meldingToelichting"] = request.Toelichting.Trim();
        }

        var result = await engine.CorrelateMessageAsync(new CorrelateMessage(message.MessageName, referentie, message.Variables, gemeente, $"handmatig:{Guid.NewGuid():N}"), actor, cancellationToken);
        if (result.StartedInstances.Count == 0)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Traject niet gestart", ServerErrors.TrajectNotStarted, ErrorTexts.Describe(ServerErrors.TrajectNotStarted));
        }

        var id = result.StartedInstances[0];
        return TypedResults.Created($"/api/v1/dossiers/{id}", new StartedView(id, referentie));
    }
}
