using System.Buffers;
using Sweep.Physics.Geometry;

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
        return MedianCoupling(couplings.NearestNeighbourCouplings);
    }

    /// <summary>As above, from each spin's largest coupling.</summary>
    public static double MedianCoupling(ReadOnlySpan<double> nearestNeighbourCouplings)
    {
        int n = nearestNeighbourCouplings.Length;
        if (n < 2)
        {
            throw new ArgumentException("the median nearest-neighbour coupling needs at least 2 spins", "couplings");
        }

        double[] scratch = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Span<double> sorted = scratch.AsSpan(0, n);
            nearestNeighbourCouplings.CopyTo(sorted);
            sorted.Sort();
            return n % 2 == 1 ? sorted[n / 2] : 0.5 * sorted[(n / 2) - 1] + 0.5 * sorted[n / 2];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Each spin's largest coupling max_k J_ik from positions (N consecutive d-tuples in the unit
    /// ball), with the bits of <see cref="CouplingMatrix.NearestNeighbourCouplings"/>, in O(N)
    /// memory: a cell grid is searched in growing cubes until the nearest partner found is closer
    /// than any spin outside the cube can be.
    /// </summary>
    public static double[] Couplings(ReadOnlySpan<double> positions, int d, double alpha)
    {
        if (d < 1 || d > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3");
        }

        int n = positions.Length / d;
        var result = new double[n];
        if (n < 2)
        {
            return result;
        }

        var cells = new CellList(positions, d, CellList.CellsPerDimension(d, n, 2.0));
        bool integerAlpha = alpha == Math.Floor(alpha) && alpha <= 64;
        Span<int> cell = stackalloc int[3];
        ReadOnlySpan<double> pos = cells.Positions;
        for (int slot = 0; slot < n; slot++)
        {
            cells.CellOfSlot(slot, cell);
            double best = double.PositiveInfinity;
            for (int m = 1; ; m++)
            {
                int x0 = Math.Max(cell[0] - m, 0), x1 = Math.Min(cell[0] + m, cells.Extent[0] - 1);
                int y0 = Math.Max(cell[1] - m, 0), y1 = Math.Min(cell[1] + m, cells.Extent[1] - 1);
                int z0 = Math.Max(cell[2] - m, 0), z1 = Math.Min(cell[2] + m, cells.Extent[2] - 1);
                for (int z = z0; z <= z1; z++)
                {
                    for (int y = y0; y <= y1; y++)
                    {
                        int row = ((z * cells.Extent[1]) + y) * cells.Extent[0];
                        for (int k = cells.Start(row + x0); k < cells.End(row + x1); k++)
                        {
                            if (k == slot)
                            {
                                continue;
                            }

                            double dist2 = 0;
                            for (int c = 0; c < d; c++)
                            {
                                double delta = pos[(slot * d) + c] - pos[(k * d) + c];
                                dist2 += delta * delta;
                            }

                            best = Math.Min(best, dist2);
                        }
                    }
                }

                // Outside cube m every spin is at least m h away along some axis.
                double reach = m * cells.H * (1.0 - 1e-6);
                if (best <= reach * reach || m >= cells.G)
                {
                    break;
                }
            }

            // J falls monotonically with the rounded distance, so the nearest partner has the largest J.
            result[cells.Spin[slot]] = integerAlpha ? 1.0 / IntegerPower.Of(Math.Sqrt(best), (int)alpha) : Math.Pow(best, -0.5 * alpha);
        }

        return result;
    }
}
