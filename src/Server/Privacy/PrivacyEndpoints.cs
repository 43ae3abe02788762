using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Api;
using Inburgering.Server.Auth;
using Inburgering.Workflows.Personen;

namespace Inburgering.Server.Privacy;

/// <summary>
/// The AVG for the beheerder: who read a traject's personal data (inzageverzoek), everything the service holds about one
/// person (the person named by BSN in a POST body, never in an address), and the retention periods in force.
/// </summary>
public static class PrivacyEndpoints
{
    /// <summary>The person an export is about, by BSN (in the body: a BSN never goes in a URL).</summary>
    public sealed record ExportRequest(string? Bsn);

    public sealed record ExportInstance(InstanceView Instance, IReadOnlyList<JournalEntryView> Journal, IReadOnlyList<TaskView> Tasks, DateTimeOffset? PersonalDataErasedAt);

    public sealed record ExportTraject(Guid TrajectId, string Gemeente, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<ExportInstance> Instances, IReadOnlyList<AccessLogEntryView> AccessLog);

    /// <summary>
    /// Everything the service holds about one person: per traject every instance (variables, journal, tasks) and the access
    /// log. The BSN itself is not repeated in the export's header; it is where the processes keep it (the variable bsn).
    /// </summary>
    public sealed record PersonExport(string PersoonReferentie, DateTimeOffset ExportedAt, string ExportedBy, IReadOnlyList<ExportTraject> Trajecten);

    public sealed record RetentionView(string Default, IReadOnlyDictionary<string, string> Gemeenten, IReadOnlyList<string> PersonalVariables);

    public static void MapPrivacy(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/privacy").WithTags("Privacy").RequireAuthorization(Policies.Operate);
        group.MapGet("/trajecten/{id:guid}/access-log", AccessLogAsync).WithSummary("Wie de persoonsgegevens van dit traject las, wanneer en wat (inzageverzoek), nieuwste eerst.");
        group.MapPost("/export", ExportAsync).WithSummary("Alles wat over één persoon is vastgelegd (JSON); de persoon bij BSN in de body.");
        group.MapGet("/retention", Retention).WithSummary("De bewaartermijnen per gemeente en welke variabelen persoonsgegevens zijn.");
    }

    private static async Task<IResult> AccessLogAsync(Guid id, EngineQueries queries, HttpContext context, int? page, int? pageSize, CancellationToken cancellationToken) =>
        await queries.AccessLogAsync(id, Actors.From(context.User), new Paging(page ?? 1, pageSize ?? 50), cancellationToken) is { } log
            ? TypedResults.Ok(log)
            : Problems.NotFound("instance.not-found", ("instanceId", id));

    private static async Task<IResult> ExportAsync(
        ExportRequest? request, EngineQueries queries, ProcessEngine engine, PersoonReferentieGenerator referenties, TimeProvider time, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(PrivacyEndpoints).FullName!);
        var digits = new string((request?.Bsn ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Ongeldig verzoek", ServerErrors.PrivacyBsnRequired, ErrorTexts.Describe(ServerErrors.PrivacyBsnRequired));
        }

        if (!Bsn.TryParse(digits, out var bsn, out _))
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Ongeldige invoer", ServerErrors.PrivacyBsnInvalid, ErrorTexts.Describe(ServerErrors.PrivacyBsnInvalid));
        }

        var actor = Actors.From(context.User);
        var referentie = referenties.For(bsn);
        var roots = new List<InstanceSummary>();
        for (var page = 1; ; page++)
        {
            var found = await queries.InstancesAsync(new InstanceFilter(BusinessKey: referentie), actor, new Paging(page, Paging.MaxPageSize), cancellationToken);
            roots.AddRange(found.Items.Where(i => i.ParentInstanceId is null));
            if (page * Paging.MaxPageSize >= found.Total)
            {
                break;
            }
        }

        if (roots.Count == 0)
        {
            return Problems.NotFound(ServerErrors.PrivacyPersonNotFound);
        }

        var trajecten = new List<ExportTraject>();
        foreach (var root in roots.OrderBy(r => r.StartedAt))
        {
            var tree = await queries.InstanceTreeAsync(root.Id, actor, cancellationToken) ?? [];
            var instances = new List<ExportInstance>();
            foreach (var member in tree)
            {
                if (await queries.InstanceAsync(member.Id, actor, cancellationToken) is not { } instance)
                {
                    continue;
                }

                instances.Add(new ExportInstance(
                    instance,
                    await AllAsync((paging, ct) => queries.JournalAsync(member.Id, actor, paging, ct), cancellationToken),
                    await AllAsync<TaskView>(async (paging, ct) => await queries.TasksAsync(new TaskFilter(InstanceId: member.Id, Status: "all"), actor, paging, ct), cancellationToken),
                    await queries.PersonalDataErasedAtAsync(member.Id, cancellationToken)));
            }

            await engine.RecordAccessAsync(actor.Name, "export", tree.Select(i => i.Id).ToList(), "inzage: export van alle gegevens", cancellationToken);
            var accessLog = await AllAsync((paging, ct) => queries.AccessLogAsync(root.Id, actor, paging, ct), cancellationToken);
            trajecten.Add(new ExportTraject(root.Id, root.TenantId, root.Status, root.StartedAt, root.EndedAt, instances, accessLog));
        }

        Log.PersonalDataExported(logger, actor.Name, trajecten.Count);
        return TypedResults.Ok(new PersonExport(referentie, time.GetUtcNow(), actor.Name, trajecten));
    }

    private static RetentionView Retention(PrivacySettings settings) =>
        new(PrivacySettings.TryParsePeriod(settings.Retention, out var period) ? period.ToString() : settings.Retention, settings.Gemeenten.ToDictionary(g => g.Key, g => settings.RetentionOf(g.Key).ToString(), StringComparer.Ordinal), settings.Variables.Order(StringComparer.Ordinal).ToList());

    /// <summary>Every page of a list: by <see cref="PagedList{T}.Next"/> where the list gives it (the tasks), else by page number.</summary>
    internal static async Task<IReadOnlyList<T>> AllAsync<T>(Func<Paging, CancellationToken, Task<PagedList<T>?>> page, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        var paging = new Paging(1, Paging.MaxPageSize);
        while (await page(paging, cancellationToken) is { } items)
        {
            all.AddRange(items.Items);
            if (items.Next is { } next)
            {
                paging = new Paging(1, Paging.MaxPageSize) { After = next };
            }
            else if (paging.After is null && paging.Page * Paging.MaxPageSize < items.Total)
            {
                paging = new Paging(paging.Page + 1, Paging.MaxPageSize);
            }
            else
            {
                break;
            }
        }

        return all;
    }
}
