using System.Collections.Concurrent;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Definitions;

/// <summary>Finds deployed definitions and keeps each version's parsed model in memory (parsed once per version).</summary>
internal sealed class DefinitionRegistry(IEngineDbContextFactory databases)
{
    private readonly ConcurrentDictionary<Guid, ProcessModel> _models = new();

    public async Task<ProcessModel> ModelAsync(Guid definitionId, string key, CancellationToken cancellationToken)
    {
        if (_models.TryGetValue(definitionId, out var model))
        {
            return model;
        }

        await using var db = databases.Create();
        var xml = await db.Definitions.Where(d => d.Id == definitionId).Select(d => d.Xml).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Definition {definitionId} does not exist.");
        return Remember(definitionId, key, xml);
    }

    /// <summary>Parses a stored definition's XML and caches the process with the given key.</summary>
    internal ProcessModel Remember(Guid definitionId, string key, string xml)
    {
        var parsed = BpmnParser.Parse(xml);
        var model = parsed.Processes.FirstOrDefault(p => p.Id == key)
            ?? throw new InvalidOperationException($"Stored definition {definitionId} no longer parses to process '{key}': {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        return _models.GetOrAdd(definitionId, model);
    }

    internal void Remember(Guid definitionId, ProcessModel model) => _models.TryAdd(definitionId, model);

    /// <summary>
    /// The latest version of <paramref name="key"/>, without its XML (<see cref="DefinitionEntity.Xml"/> is empty): a start
    /// needs the id and version, and the parsed model is cached by id (the XML was read on every start before, ≈ 8 % of a
    /// straight-through instance's CPU).
    /// </summary>
    /// <remarks>The latest version can change with a deployment on any node, so it is read, with a compiled query.</remarks>
    public static Task<DefinitionEntity?> LatestAsync(EngineDbContext db, string key, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<DefinitionEntity?>(cancellationToken) : CompiledLatest.For(db)(db, key);

    /// <summary>One version of <paramref name="key"/>, without its XML.</summary>
    public static Task<DefinitionEntity?> VersionAsync(EngineDbContext db, string key, int version, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<DefinitionEntity?>(cancellationToken) : CompiledVersion.For(db)(db, key, version);

    /// <summary>Definitions without their XML (which only the model cache and the XML download read).</summary>
    public static IQueryable<DefinitionEntity> Heads(IQueryable<DefinitionEntity> query) => query.Select(HeadOnly);

    private static readonly System.Linq.Expressions.Expression<Func<DefinitionEntity, DefinitionEntity>> HeadOnly = d => new DefinitionEntity
    {
        Id = d.Id,
        Key = d.Key,
        Version = d.Version,
        Name = d.Name,
        ContentHash = d.ContentHash,
        Xml = "",
        DeploymentId = d.DeploymentId,
        Source = d.Source,
        DeployedBy = d.DeployedBy,
        DeployedAt = d.DeployedAt,
        MessageStarts = d.MessageStarts,
    };

    private static readonly ModelBound<Func<EngineDbContext, string, Task<DefinitionEntity?>>> CompiledLatest =
        new(() => EF.CompileAsyncQuery((EngineDbContext db, string key) => db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).Select(HeadOnly).FirstOrDefault()));

    private static readonly ModelBound<Func<EngineDbContext, string, int, Task<DefinitionEntity?>>> CompiledVersion =
        new(() => EF.CompileAsyncQuery((EngineDbContext db, string key, int version) => db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(HeadOnly).FirstOrDefault()));
}
