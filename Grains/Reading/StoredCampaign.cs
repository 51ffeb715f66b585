using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Reading;

/// <summary>
/// A campaign as read from a store without a silo, in the records its grains return: what
/// `status`, `table`, `export` and `report` show of a campaign when no run is live.
/// </summary>
/// <param name="Results">Every finished point's result, in grid order.</param>
/// <param name="Settings">The settings its points run under (the first point's), or null if it has none.</param>
/// <param name="Snapshots">The Fig. 1 snapshots stored so far, in grid order.</param>
public sealed record StoredCampaign(
    string Name,
    string SpecJson,
    CampaignStatus Status,
    ScalingTable Table,
    IReadOnlyList<PointResult> Results,
    PointSettingsData? Settings,
    IReadOnlyList<(PointKey Key, SpinSnapshotData Snapshot)> Snapshots);
