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

        double[] sorted = couplings.NearestNeighbourCouplings.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * sorted[(n / 2) - 1] + 0.5 * sorted[n / 2];
    }
}
