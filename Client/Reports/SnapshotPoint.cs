using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Reports;

/// <summary>
/// A point's Fig. 1 snapshot, as the summary the figure draws (whichever form it was stored in),
/// with its ensemble result once the point is finished.
/// </summary>
internal sealed record SnapshotPoint(PointKey Key, SpinSnapshotSummary Snapshot, PointResult? Result);
