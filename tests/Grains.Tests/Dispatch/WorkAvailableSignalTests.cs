using Sweep.Grains.Dispatch;

namespace Sweep.Grains.Tests.Dispatch;

public sealed class WorkAvailableSignalTests
{
    [Fact]
    public async Task A_signal_given_before_the_wait_is_kept_and_wakes_exactly_one_wait()
    {
        using var signal = new WorkAvailableSignal();
        signal.Notify();
        signal.Notify();

        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        // Two signals while nobody waited are one wake-up: the worker asks the dispatcher once.
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_worker_wakes_when_work_arrives()
    {
        using var signal = new WorkAvailableSignal();
        Task<bool> waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        signal.Notify();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
