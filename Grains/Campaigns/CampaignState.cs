using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Campaigns;

/// <summary>
/// Stored state of a campaign: the canonical spec, every grid point it ever had (a point left
/// out of a later spec keeps its stored results), the last summary of each point, the tables, and when the campaign last finished.
/// </summary>
[GenerateSerializer]
public sealed class CampaignState : IVersionedState
{
    [Id(0)]
    public int SchemaVersion { get; set; } = StorageSchema.Version;

    [Id(1)]
    public string? SpecJson { get; set; }

    [Id(2)]
    public List<PointAssignment> Points { get; set; } = new();

    [Id(3)]
    public Dictionary<string, PointSummary> Summaries { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public bool Cancelled { get; set; }

    [Id(5)]
    public ScalingTable? Table { get; set; }

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last unfinished point finished (UTC); null while any point is unfinished.</summary>
    [Id(7)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// The spec's strongDisorderMaxX, typed at submission so that a table rebuild (about once a
    /// second while points finish) parses nothing; null in states stored before it was kept.
    /// </summary>
    [Id(8)]
    public double? StrongDisorderMaxX { get; set; }
}
