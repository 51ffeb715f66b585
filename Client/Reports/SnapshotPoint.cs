using Sweep.Grains.Interfaces;

namespace Sweep.Client.Reports;

/// <summary>A point's Fig. 1 snapshot, with its ensemble result once the point is finished.</summary>
internal sealed record SnapshotPoint(PointKey Key, SpinSnapshotData Snapshot, PointResult? Result);
