using System.Globalization;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;

namespace Sweep.Campaigns;

/// <summary>
/// The upper limits of a spec, the same on every machine. N follows the kernel's memory model
/// (<see cref="KernelMemoryModel"/>) against a fixed memory budget per compute slot, so it moves
/// with the kernel; timePoints, points and batches are what the orchestration is tested to carry
/// (docs/PERFORMANCE.md, "Limits"). Each problem is one line naming the field, the limit and why.
/// Whether a given silo can hold a batch is decided again on the silo, against its own memory.
/// </summary>
public static class SpecLimits
{
    /// <summary>
    /// The memory a batch may need per compute slot: 4 GiB, what a typical cluster node gives a
    /// core (a 64-core node with 256 GB), and what a laptop's slot has.
    /// </summary>
    public const double SlotMemoryBytes = 4.0 * (1L << 30);

    /// <summary>
    /// The most time points: a batch's exact sums take 544 bytes per time point (5.4 MB at 10,000),
    /// stored and sent whole; a campaign at 20,000 was run through the grains and the store.
    /// </summary>
    public const int MaxTimePoints = 10_000;

    /// <summary>
    /// The most distinct grid points per campaign: submission starts every point within one call
    /// of 30 s. Measured on 2 busy cores (load 28): 10,000 points submitted in 13 s, 20,000 timed out.
    /// </summary>
    public const int MaxPoints = 10_000;

    /// <summary>
    /// The most batches per campaign: every point hands all its pending batches to the one
    /// dispatcher, and again every 5 s until they are done. Measured: 100,000 batches of one point
    /// submitted in 4 s and dispatched at 230 batches/s on 2 busy cores; 419,000 timed out.
    /// </summary>
    public const long MaxBatches = 100_000;

    internal const string TimePointsReason = "the most the orchestration is tested to carry (a batch's exact sums take 544 bytes per time point, sent and stored whole)";

    /// <summary>Why N spins cannot be computed with this kernel and time grid, or null when they can.</summary>
    public static string? SpinsProblem(SpinKernelChoice kernel, int d, int n, int timePoints)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var c = CultureInfo.InvariantCulture;
        double bytes = KernelMemoryModel.BytesPerSlot(kernel, d, n, timePoints);
        if (bytes <= SlotMemoryBytes)
        {
            // Never reached with a 4 GiB slot (the memory runs out first), but a larger budget
            // must not let N reach a 32-bit array length overflow.
            int indexable = KernelMemoryModel.LargestIndexableN(kernel, d);
            return n <= indexable ? null : string.Create(c, $"{n} spins are more than the {kernel.Code} kernel's arrays can index in {d}D (at most {indexable:N0})");
        }

        int largest = KernelMemoryModel.LargestN(kernel, d, timePoints, SlotMemoryBytes);
        string what = kernel.UsesCells(n) ? "its O(N) arrays" : "its packed couplings, about 4 N^2 bytes";
        string hint = kernel.UsesCells(n) || kernel.UsesCells(int.MaxValue) ? string.Empty : "; the accelerated kernel, version 2 or 3, needs O(N) memory from 8192 spins on";
        return string.Create(c, $"{n} spins need {Gigabytes(bytes)} per compute slot with the {kernel.Code} kernel ({what}); the limit is {Gigabytes(SlotMemoryBytes)} per slot, so N <= {largest:N0} in {d}D at T = {timePoints}{hint}");
    }

    /// <summary>
    /// Every limit a valid spec exceeds, as "field: reason" lines (none when it fits). Checked at
    /// parsing, and again by the campaign grain once a spec without a kernel has the stored one.
    /// </summary>
    public static IReadOnlyList<string> Problems(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new SpecErrors();
        Check(spec, errors);
        return errors.Messages;
    }

    internal static void Check(CampaignSpec spec, SpecErrors errors)
    {
        SpinKernelChoice kernel = spec.Kernel;
        for (int b = 0; b < spec.Blocks.Count; b++)
        {
            SpecBlock block = spec.Blocks[b];
            for (int i = 0; i < block.N.Count; i++)
            {
                if (SpinsProblem(kernel, block.D, block.N[i], spec.TimePoints) is { } problem)
                {
                    errors.Add(SpecErrors.Item(SpecErrors.Child(SpecErrors.Item(CampaignSpecParser.BlocksKey, b), BlockParser.NKey), i), problem);
                }
            }
        }

        var c = CultureInfo.InvariantCulture;
        long points = CountPoints(spec, MaxPoints + 1L);
        if (points > MaxPoints)
        {
            errors.Add(CampaignSpecParser.BlocksKey, string.Create(c, $"more than {MaxPoints:N0} distinct grid points; the limit is {MaxPoints:N0}, the most the orchestration is tested to carry (submission starts every point at once): split the campaign"));
            return;
        }

        IReadOnlyList<CampaignPoint> grid = CampaignGrid.Expand(spec);
        long batches = grid.Sum(p => Batches(p, spec.BatchSize));
        if (batches > MaxBatches)
        {
            // A target's checkpoints cut batches whatever their size: past some size only a
            // coarser step (or a lower maxNs) brings the count down.
            string remedy = SmallestBatchSize(grid, spec.BatchSize, MaxBatches) is { } size
                ? string.Create(c, $"raise batchSize to at least {size}")
                : "its precision targets alone cut more batches (one per step at least): raise their step or lower maxNs";
            errors.Add(CampaignSpecParser.BatchSizeKey, string.Create(c, $"{spec.BatchSize} gives {batches:N0} batches; the limit is {MaxBatches:N0} per campaign, the most the orchestration is tested to carry (every batch is queued at the one dispatcher): {remedy}"));
        }
    }

    /// <summary>Distinct points of the spec, counted up to <paramref name="stopAt"/> (so a huge product costs no memory).</summary>
    public static long CountPoints(CampaignSpec spec, long stopAt)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var seen = new HashSet<GridPoint>();
        foreach (SpecBlock block in spec.Blocks)
        {
            foreach (double alpha in block.Alpha)
            {
                foreach (double x in block.X)
                {
                    foreach (int n in block.N)
                    {
                        seen.Add(new GridPoint(block.D, alpha, x, n));
                        if (seen.Count >= stopAt)
                        {
                            return seen.Count;
                        }
                    }
                }
            }
        }

        return seen.Count;
    }

    /// <summary>
    /// Batches of a point as its plan cuts them (Grains/Points/BatchPlan): at most the whole
    /// point, maxNs for a precision target, whose plan also cuts at every checkpoint step.
    /// </summary>
    public static long Batches(CampaignPoint point, int batchSize) => Batches(point.Ns, batchSize, point.Target?.Step ?? 0);

    /// <summary>
    /// Batches of Ns realizations cut every <paramref name="batchSize"/> and, with a checkpoint
    /// step, at every multiple of it: each whole step is cut on its own, then the rest.
    /// </summary>
    public static long Batches(long ns, int batchSize, int checkpointStep = 0)
    {
        if (checkpointStep <= 0)
        {
            return Ceiling(ns, batchSize);
        }

        return (ns / checkpointStep * Ceiling(checkpointStep, batchSize)) + Ceiling(ns % checkpointStep, batchSize);
    }

    private static long Ceiling(long count, int size) => (count + (long)size - 1) / size;

    /// <summary>
    /// The smallest batch size from <paramref name="batchSize"/> on that cuts the grid into at most
    /// <paramref name="maxBatches"/> batches (counts fall as the size grows), or null when none
    /// does (precision targets' checkpoint steps alone cut more).
    /// </summary>
    public static int? SmallestBatchSize(IReadOnlyList<CampaignPoint> grid, int batchSize, long maxBatches)
    {
        ArgumentNullException.ThrowIfNull(grid);
        long Total(int size) => grid.Sum(p => Batches(p, size));
        int low = batchSize;
        int high = SpecBlock.MaxNs;
        if (Total(high) > maxBatches)
        {
            return null;
        }

        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (Total(mid) <= maxBatches)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    private static string Gigabytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):0.##} GiB");
}
