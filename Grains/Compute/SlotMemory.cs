using Sweep.Grains.Interfaces;
using Sweep.Physics.Kernel;

namespace Sweep.Grains.Compute;

/// <summary>
/// The memory a compute slot of this silo has, and the memory a batch needs per slot
/// (<see cref="KernelMemoryModel"/>, the same model the spec's static N cap uses). A silo leases
/// only batches that fit its slots; one that fits nowhere fails its point instead of running
/// every slot out of memory.
/// </summary>
public static class SlotMemory
{
    /// <summary>
    /// Kept back for the process itself before the rest is shared between slots: the runtime,
    /// Orleans, the grains' states and the store's cache (a local run's resident set is about
    /// 150 MB before it computes anything), with room to spare.
    /// </summary>
    public const long ProcessReserveBytes = 512L << 20;

    /// <summary>
    /// How the failure of a point no silo could hold begins. Such a point is started again when
    /// its campaign is run again, unlike one whose batches failed: the silos may have more memory.
    /// </summary>
    public const string UnplaceablePrefix = "no silo can hold its batches";

    /// <summary>
    /// What each of <paramref name="slots"/> slots may use: the memory the runtime may take (the
    /// container's or cgroup's limit when there is one, else the machine's), less the reserve,
    /// shared equally.
    /// </summary>
    public static long Available(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        long total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Max(0, total - ProcessReserveBytes) / slots;
    }

    /// <summary>Bytes a slot needs to compute the batch (its point's d, N, time grid and kernel).</summary>
    public static double Requirement(BatchWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return KernelMemoryModel.BytesPerSlot(work.Settings.Kernel, work.Id.Point.D, work.Id.Point.N, work.Settings.TimePoints);
    }
}
