namespace Sweep.Grains.Interfaces;

/// <summary>
/// A finished grid point: the t grid, averaged mag and pur with standard errors of the mean,
/// the mean median J_NN / J_NN,inf, both fits, provenance, and the Fig. 1 snapshot of
/// realization 0 (null for points computed before snapshots existed).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PointResult(
    [property: Id(0)] PointKey Key,
    [property: Id(1)] long Realizations,
    [property: Id(2)] double[] T,
    [property: Id(3)] double[] Mag,
    [property: Id(4)] double[] MagSem,
    [property: Id(5)] double[] Pur,
    [property: Id(6)] double[] PurSem,
    [property: Id(7)] double JnnRatio,
    [property: Id(8)] double JnnRatioSem,
    [property: Id(9)] FitData FitMag,
    [property: Id(10)] FitData FitPur,
    [property: Id(11)] Provenance Provenance,
    [property: Id(12)] SpinSnapshotData? Snapshot = null)
{
    /// <summary>This result with its snapshot in the summary form (a result stored by an older build holds the full one).</summary>
    public PointResult Summarized() => Snapshot is { IsSummary: false } s ? this with { Snapshot = s.Summarized() } : this;
}
