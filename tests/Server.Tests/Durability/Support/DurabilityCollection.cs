namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>
/// The durability tests start server processes, kill them and load the machine on purpose: they run one at a time, after
/// the other tests of this assembly, so that their timings mean something on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DurabilityCollection
{
    public const string Name = "Durability";
}
