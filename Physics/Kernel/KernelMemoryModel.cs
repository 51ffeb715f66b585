using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The memory one compute slot needs to compute a batch of a grid point: what a realization's
/// kernel keeps alive at its peak, plus the batch's exact sums. It is a model, counted from the
/// arrays the kernels allocate, not a measurement, so it gives the same answer on every machine;
/// tests hold it to the measured peak resident sets of docs/PERFORMANCE.md within a factor of 2.
/// Everything is computed in doubles, so no N or T overflows it.
/// <list type="bullet">
/// <item>the exact kernel, version 1 of the accelerated kernel, and versions 2 to 4 below
/// <see cref="CellSpinProductKernel.MinSpins"/> keep the packed couplings: about 4 N^2 bytes
/// (8-byte couplings of the N (N - 1) / 2 pairs, rows padded to 8); the accelerated kernel's
/// series adds every spin's near products for a window of 64 time points (512 N bytes) and the
/// near pairs' cosines of up to 64 time points (the table's 256 kB budget, which holds 4,096
/// near pairs at 8 time points; past that the packed couplings, 4 N^2 bytes, dominate);</item>
/// <item>versions 2 to 4 from <see cref="CellSpinProductKernel.MinSpins"/> spins on (the cell
/// kernel; version 3 adds T (M + 1) doubles of its forecast and a small cache per cell) keeps O(N): the M + 1 power sums, positions, the cell list and per-spin bookkeeping, and
/// the near couplings at the largest tau.</item>
/// </list>
/// </summary>
public static class KernelMemoryModel
{
    /// <summary>
    /// Near pairs per spin the accelerated kernels are assumed to keep at the largest tau
    /// (value and index, 12 bytes each). Their count is set by the physics, not by N; 32 matches
    /// the cell kernel's measured 0.55 to 0.63 kB per spin at 10^6 spins.
    /// </summary>
    public const double NearPairsPerSpin = 32;

    // Per spin, every kernel: positions (8 d), nearest-neighbour couplings and scratch (16), the
    // row bounds and maxima (16), the spin products P_i (8).
    private const double CommonBytesPerSpin = 40;

    // Per spin, the accelerated kernel's near products for a window of 64 time points.
    private const double NearWindowBytesPerSpin = 64 * 8;

    // Per spin, the cell kernel's bookkeeping: tail bound, near product and bound (24), cube,
    // slot, near start and end (16), the cell list's order and links (16).
    private const double CellBytesPerSpin = 56;

    // Per time point of a batch: the exact sums (16 jackknife blocks of mag and pur plus their
    // squares, 16-byte fixed point), tau, mag and pur, and the stored copy on its way out.
    private const double BytesPerTimePoint = ((2 * EnsembleAccumulator.Blocks) + 2) * 16 * 2 + (3 * 8);

    /// <summary>Bytes one compute slot needs for a batch of points (d, N) on <paramref name="timePoints"/> times.</summary>
    public static double BytesPerSlot(SpinKernelChoice kernel, int d, int n, int timePoints)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        double spins = Math.Max(n, 0);
        double perTime = BytesPerTimePoint * Math.Max(timePoints, 0);
        double common = spins * (CommonBytesPerSpin + (8.0 * d));
        if (kernel.UsesCells(n))
        {
            return perTime + common + (spins * (CellBytesPerSpin + SeriesBytesPerSpin(kernel) + NearBytesPerSpin));
        }

        double couplings = PackedCouplingBytes(n);
        double kernelBytes = kernel.Kind == SpinKernelKind.Exact
            ? spins * 40 // the row kernel's block of 4 tau columns and the row bounds
            : (spins * (SeriesBytesPerSpin(kernel) + 24 + NearBytesPerSpin + NearWindowBytesPerSpin)) + AcceleratedSpinProductKernel.PairTableBytes;
        return perTime + common + couplings + kernelBytes;
    }

    /// <summary>
    /// The largest N whose batches need at most <paramref name="bytesPerSlot"/> under this kernel
    /// and time grid, or 1 if not even 2 spins fit. The model grows with N for every kernel, so
    /// this is the cap on N for a slot of that size.
    /// </summary>
    public static int LargestN(SpinKernelChoice kernel, int d, int timePoints, double bytesPerSlot)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return LargestN(n => BytesPerSlot(kernel, d, n, timePoints) <= bytesPerSlot);
    }

    /// <summary>
    /// The largest N whose arrays the kernel can index with 32-bit lengths, whatever the memory:
    /// the packed couplings (<see cref="CouplingMatrix.PackedLength"/>, about N^2 / 2 doubles,
    /// an <see cref="OverflowException"/> above 65,535 spins) for the kernels that keep them;
    /// for the cell kernel its power sums, (M + 1) N doubles, and the positions, N d doubles,
    /// both sized with 32-bit products.
    /// </summary>
    public static int LargestIndexableN(SpinKernelChoice kernel, int d)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.UsesCells(int.MaxValue))
        {
            double perSpin = Math.Max(Math.Max(d, 1), AcceleratedSpinProductKernel.Terms(kernel.Tolerance) + 1);
            return (int)Math.Floor((int.MaxValue - (2.0 * SpinPowerSumKernel.Lanes)) / perSpin);
        }

        // Beyond 2^17 spins the packed length is far past 2^31; below, it is summed exactly.
        return LargestN(n => n <= (1 << 17) && ExactPackedLength(n) <= int.MaxValue);
    }

    private static long ExactPackedLength(int n)
    {
        long total = 0;
        for (long length = 0; length < n; length++)
        {
            total += (length + CouplingMatrix.RowPadding - 1) / CouplingMatrix.RowPadding * CouplingMatrix.RowPadding;
        }

        return total;
    }

    private static int LargestN(Func<int, bool> fits)
    {
        int low = 1;
        int high = int.MaxValue;
        while (low < high)
        {
            int mid = low + ((high - low + 1) / 2);
            if (fits(mid))
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    private const double NearBytesPerSpin = NearPairsPerSpin * 12;

    private static double PackedCouplingBytes(int n)
    {
        double rows = Math.Max(n, 0);
        double paddedPairs = (rows * (rows - 1) / 2.0) + (rows * (CouplingMatrix.RowPadding - 1) / 2.0);
        return 8.0 * paddedPairs;
    }

    private static double SeriesBytesPerSpin(SpinKernelChoice kernel)
        => kernel.Kind == SpinKernelKind.Exact ? 0 : 8.0 * (AcceleratedSpinProductKernel.Terms(kernel.Tolerance) + 1);
}
