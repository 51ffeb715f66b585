using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Time;
using Sweep.Physics.Kernel;

namespace Sweep.Grains.Tests.Dispatch;

public sealed class DispatchQueueTests
{
    private static readonly PointSettingsData Settings = new(1, 200, TimeUnit.Common, 0.99, 0.01, SpinKernelChoice.Exact, 10);

    private static BatchWork Work(int n, long first, int count = 10)
        => new(new BatchId(new PointKey("q", 2, 3.0, 0.01, n), first, count), Settings, 1, MayBeStored: false);

    private static List<string> Drain(DispatchQueue queue)
    {
        var keys = new List<string>();
        while (queue.TryTake(out string key))
        {
            keys.Add(key);
        }

        return keys;
    }

    [Fact]
    public void The_costliest_points_leave_first_and_a_points_batches_stay_together_in_order()
    {
        var queue = new DispatchQueue();
        BatchWork other64 = Work(64, 0) with { Id = new BatchId(new PointKey("q", 2, 3.0, 0.001, 64), 0, 10) };
        BatchWork[] works = [Work(8, 0), Work(64, 0), other64, Work(8, 10), Work(32, 0), Work(64, 10), Work(64, 20, count: 3)];
        foreach (BatchWork w in works)
        {
            queue.Add(w, ahead: false);
        }

        // N = 64 first (the x = 0.001 point's key sorts before x = 0.01's), each point's batches
        // in the order they came, then N = 32, then N = 8.
        Assert.Equal(
            new[] { other64, works[1], works[5], works[6], works[4], works[0], works[3] }.Select(w => w.Id.GrainKey),
            Drain(queue));
    }

    [Fact]
    public void A_returned_lease_goes_ahead_of_new_work_however_cheap()
    {
        var queue = new DispatchQueue();
        queue.Add(Work(128, 0), ahead: false);
        queue.Add(Work(4, 0), ahead: true);

        Assert.Equal([Work(4, 0).Id.GrainKey, Work(128, 0).Id.GrainKey], Drain(queue));
    }

    [Fact]
    public void Speculative_batches_wait_for_every_needed_one_however_costly_and_move_up_once_needed()
    {
        // A precision target's batches past its undecided checkpoint may never be merged: while
        // other points need work, the slots do that first.
        var queue = new DispatchQueue();
        BatchWork ahead = Work(128, 80) with { Speculative = true };
        queue.Add(Work(128, 0), ahead: false);
        queue.Add(ahead, ahead: false);
        queue.Add(Work(4, 0), ahead: false);
        Assert.Equal([Work(128, 0).Id.GrainKey, Work(4, 0).Id.GrainKey, ahead.Id.GrainKey], Drain(queue));

        queue.Add(ahead, ahead: false);
        queue.Add(Work(4, 10), ahead: false);
        queue.Add(ahead with { Speculative = false }, ahead: false);
        Assert.Equal([ahead.Id.GrainKey, Work(4, 10).Id.GrainKey], Drain(queue));
    }

    [Fact]
    public void Removing_and_re_adding_keeps_one_entry_per_batch()
    {
        var queue = new DispatchQueue();
        queue.Add(Work(16, 0), ahead: false);
        queue.Add(Work(16, 0), ahead: true);
        queue.Add(Work(16, 10), ahead: false);
        Assert.Equal(2, queue.Count);
        Assert.True(queue.Remove(Work(16, 10).Id.GrainKey));
        Assert.False(queue.Remove(Work(16, 10).Id.GrainKey));

        Assert.Equal([Work(16, 0).Id.GrainKey], Drain(queue));
        Assert.Equal(0, queue.Count);
    }
}
