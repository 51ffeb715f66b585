using Sweep.Client.Output;
using Sweep.Client.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Reports;

/// <summary>
/// What a report is drawn from, read once from the store or the cluster: the spec, the settings
/// every point shares, the finished points, the Fig. 1 snapshots (also of points still
/// running), the scaling tables over finished points, and how many points are done.
/// </summary>
internal sealed record ReportSource(
    string Campaign,
    string SpecJson,
    PointSettingsData? Settings,
    IReadOnlyList<PointResult> Results,
    IReadOnlyList<SnapshotPoint> Snapshots,
    ScalingTable Table,
    int PointsDone,
    int PointsTotal)
{
    public bool Partial => PointsDone < PointsTotal;

    /// <summary>The precision target and its outcome per point key, for the points that have one.</summary>
    public IReadOnlyDictionary<string, string> Targets { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// From what the reading commands read (with results), the points' settings and their
    /// snapshots in grid order. Local and cluster reports both come through here, so they
    /// cannot differ by how they are put together.
    /// </summary>
    public static ReportSource From(CampaignReadout campaign, PointSettingsData? settings, IReadOnlyList<(PointKey Key, SpinSnapshotData Snapshot)> snapshots)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(snapshots);
        IReadOnlyList<PointResult> results = campaign.Results ?? throw new ArgumentException("a report needs the campaign's results", nameof(campaign));
        var byKey = results.ToDictionary(r => r.Key.GrainKey, StringComparer.Ordinal);
        return new ReportSource(
            campaign.Name,
            campaign.SpecJson ?? "{}",
            settings,
            results,
            snapshots.Select(s => new SnapshotPoint(s.Key, s.Snapshot.Summary(), byKey.GetValueOrDefault(s.Key.GrainKey))).ToList(),
            campaign.Table,
            campaign.Status.PointsDone,
            campaign.Status.Points)
        {
            Targets = campaign.Status.PointSummaries.Where(p => p.Target is not null)
                .ToDictionary(p => p.Key.GrainKey, TableWriter.TargetText, StringComparer.Ordinal),
        };
    }
}
