using Sweep.Physics.Points;

namespace Sweep.Campaigns;

/// <summary>
/// A grid point's identity: d, N and the exact IEEE bit patterns of alpha and x. No tolerance:
/// 6 and 6.000000000000001 are different points with different seeds (docs/seeding.md).
/// </summary>
public readonly record struct PointKey(int D, long AlphaBits, long XBits, int N)
{
    public static PointKey Of(GridPoint point) => new(
        point.D, BitConverter.DoubleToInt64Bits(point.Alpha), BitConverter.DoubleToInt64Bits(point.X), point.N);
}
