using System.Buffers;

namespace Sweep.Physics.Couplings;

/// <summary>Nearest-neighbour coupling statistics of one realization.</summary>
public static class NearestNeighbour
{
    /// <summary>
    /// The median over spins of each spin's largest coupling max_k J_ik; for even N the mean of
    /// the two middle values.
    /// </summary>
    public static double MedianCoupling(CouplingMatrix couplings)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        if (couplings.N < 2)
        {
            throw new ArgumentException("the median nearest-neighbour coupling needs at least 2 spins", nameof(couplings));
        }

        int n = couplings.N;
        double[] scratch = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Span<double> sorted = scratch.AsSpan(0, n);
            couplings.NearestNeighbourCouplings.CopyTo(sorted);
            sorted.Sort();
            return n % 2 == 1 ? sorted[n / 2] : 0.5 * sorted[(n / 2) - 1] + 0.5 * sorted[n / 2];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }
}
