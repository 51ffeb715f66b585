using Sweep.Grains.Interfaces;

namespace Sweep.Client.Hosting;

/// <summary>
/// What the reading commands show of one campaign, read once from the local store or from the
/// cluster's grains: the same record either way, so the writers cannot tell the two apart.
/// </summary>
/// <param name="Results">Every finished point's result, in grid order; null when not asked for.</param>
internal sealed record CampaignReadout(string Name, string? SpecJson, CampaignStatus Status, ScalingTable Table, IReadOnlyList<PointResult>? Results);
