using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// A compiled EF Core query per model: a compiled query may only run against the model it was compiled for, and the engine
/// has one model per provider (SQLite and PostgreSQL contexts are different types, and tests use both in one process).
/// </summary>
internal sealed class ModelBound<TDelegate>(Func<TDelegate> compile)
    where TDelegate : class
{
    private readonly ConcurrentDictionary<IModel, TDelegate> _compiled = new();

    public TDelegate For(EngineDbContext db) => _compiled.GetOrAdd(db.Model, _ => compile());
}
