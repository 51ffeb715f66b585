using Sweep.Client.Local;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Reports;

/// <summary>
/// What a report is drawn from, read once from the store: the spec, the settings every point
/// shares, the finished points, the Fig. 1 snapshots (also of points still running), the
/// scaling tables over finished points, and how many points are done.
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

    public static ReportSource From(StoredCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        CampaignStatus status = campaign.Status();
        IReadOnlyList<PointResult> results = campaign.Results();
        var snapshots = campaign.State.Points
            .Select(a => (a.Key, State: campaign.PointStates.GetValueOrDefault(a.Key.GrainKey)))
            .Where(p => p.State?.Snapshot is not null)
            .Select(p => new SnapshotPoint(p.Key, p.State!.Snapshot!, p.State.Result))
            .ToList();
        return new ReportSource(
            campaign.Name,
            campaign.State.SpecJson ?? "{}",
            campaign.State.Points.FirstOrDefault()?.Settings,
            results,
            snapshots,
            campaign.Table(),
            status.PointsDone,
            status.Points);
    }
}
