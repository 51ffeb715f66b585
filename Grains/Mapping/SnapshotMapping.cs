using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Grains.Mapping;

/// <summary>A physics spin snapshot as the record grains carry and store.</summary>
internal static class SnapshotMapping
{
    public static SpinSnapshotData ToData(this SpinSnapshot s)
        => new(s.R, s.Spins, s.T, s.Curves, s.HistogramTimes, s.AtHistogramTimes, s.NearestNeighbourCoupling);
}
