using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The fixed tree that multiplies the 8 lane accumulators of a row into one product:
/// m_j = l_j * l_(j+4) (j = 0..3), n_j = m_j * m_(j+2) (j = 0, 1), result = n_0 * n_1, each step
/// flushed. It is the order a 512-bit register halves naturally, and every path uses exactly it,
/// because a different order would round differently.
/// </summary>
internal static class LaneProduct
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Reduce(Vector512<double> lanes) => Reduce(lanes.GetLower(), lanes.GetUpper());

    /// <summary>The same tree with lanes 0-3 in <paramref name="low"/> and 4-7 in <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Reduce(Vector256<double> low, Vector256<double> high)
    {
        var m = UnderflowFlush.Apply(low * high);
        var n = UnderflowFlush.Apply(m.GetLower() * m.GetUpper());
        return UnderflowFlush.Apply(n.GetElement(0) * n.GetElement(1));
    }

    internal static double Reduce(ReadOnlySpan<double> lanes)
    {
        double m0 = UnderflowFlush.Apply(lanes[0] * lanes[4]);
        double m1 = UnderflowFlush.Apply(lanes[1] * lanes[5]);
        double m2 = UnderflowFlush.Apply(lanes[2] * lanes[6]);
        double m3 = UnderflowFlush.Apply(lanes[3] * lanes[7]);
        double n0 = UnderflowFlush.Apply(m0 * m2);
        double n1 = UnderflowFlush.Apply(m1 * m3);
        return UnderflowFlush.Apply(n0 * n1);
    }
}
