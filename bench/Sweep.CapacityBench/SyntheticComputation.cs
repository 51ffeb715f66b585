using System.Collections.Concurrent;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;

namespace Sweep.CapacityBench;

/// <summary>
/// A compute slot that waits instead of computing. The wait is drawn from the cost model (a
/// log-normal around the mean batch duration, the same draw for the same batch), and the result
/// has the real size and shape: the sums, provenance and Fig. 1 snapshot of one real realization
/// of the batch's point, computed once per point, under the batch's own identity. Everything
/// after the slot (encoding, Redis, reports, merging, dispatch) therefore does its real work.
/// With <paramref name="stagger"/>, each slot's first batch waits only a uniform fraction of its
/// drawn duration: a cluster that starts all its slots at once would otherwise finish all of
/// them within the spread of one batch, a burst no running cluster sees (its slots started
/// at different times), and at 10,000 slots that burst alone fills the process.
/// </summary>
internal sealed class SyntheticComputation(TimeSpan meanDuration, double spread, bool stagger) : IBatchComputation
{
    // Each slot is one long-lived thread (Grains/Compute/ComputePool), so this marks the slot's first batch.
    [ThreadStatic]
    private static bool t_started;

    private readonly ConcurrentDictionary<string, (BatchResult Plain, SpinSnapshotData? Snapshot)> _templates = new(StringComparer.Ordinal);
    private long _started;
    private long _finished;
    private int _running;

    /// <summary>Batches whose wait has started (leases that reached a slot).</summary>
    public long Started => Interlocked.Read(ref _started);

    public long Finished => Interlocked.Read(ref _finished);

    /// <summary>Slots waiting right now, over every silo.</summary>
    public int Running => Volatile.Read(ref _running);

    public BatchResult Run(BatchWork work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _running);
        try
        {
            TimeSpan wait = Duration(work.Id.GrainKey, out double fraction);
            if (!t_started)
            {
                t_started = true;
                if (stagger)
                {
                    wait *= fraction;
                }
            }

            // A wait on the slot's own thread, as the kernel would occupy it; cancellable like the kernel.
            if (cancellationToken.WaitHandle.WaitOne(wait))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            (BatchResult plain, SpinSnapshotData? snapshot) = _templates.GetOrAdd(work.Id.Point.GrainKey, _ => Template(work));
            bool holdsSnapshot = work.Id.First == 0;
            Interlocked.Increment(ref _finished);
            return plain with
            {
                Id = work.Id,
                ComputeSeconds = wait.TotalSeconds,
                Provenance = plain.Provenance with { ComputedAt = DateTimeOffset.UtcNow },
                Snapshot = holdsSnapshot ? snapshot : null,
            };
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    // One real realization (the first, so the snapshot comes with it): cheap at the harness's N = 2.
    private static (BatchResult, SpinSnapshotData?) Template(BatchWork work)
    {
        BatchResult real = BatchComputation.Run(work with { Id = work.Id with { First = 0, Count = 1 } }, CancellationToken.None);
        return (real with { Snapshot = null }, real.Snapshot);
    }

    // Log-normal with the given mean, and a uniform fraction in [0, 1) for a first batch's
    // stagger; seeded by the batch key so a run's cost draw is repeatable.
    private TimeSpan Duration(string key, out double fraction)
    {
        var random = new Random(StringComparer.Ordinal.GetHashCode(key) ^ 0x5eed);
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        fraction = random.NextDouble();
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return meanDuration * Math.Exp((spread * z) - (spread * spread / 2));
    }
}
