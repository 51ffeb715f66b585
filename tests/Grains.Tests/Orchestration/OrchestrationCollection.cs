namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// Cluster tests run one at a time: each brings up several silos with compute threads, and on
/// a two-core machine running them side by side only makes every one slower.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OrchestrationCollection
{
    public const string Name = "orchestration clusters";
}
