using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Grains.Mapping;

/// <summary>A physics spin snapshot as the record grains carry and store: its summary, never every spin's P_i.</summary>
internal static class SnapshotMapping
{
    public static SpinSnapshotData ToData(this SpinSnapshot s) => SpinSnapshotData.From(SpinSnapshotSummary.Of(s));
}
