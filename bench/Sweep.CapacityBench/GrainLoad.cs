using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sweep.CapacityBench;

/// <summary>
/// Time each grain spends in calls, per grain and per dispatcher method, from an incoming call
/// filter on every silo. Sweep's grains are not reentrant, so a grain's summed call time over a
/// window is how much of that window it was occupied: 1.0 means every request queued behind
/// another. (A call that awaits storage counts its wait: the grain takes nothing else meanwhile.)
/// </summary>
internal sealed class GrainLoad : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, Tally> _byGrain = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Tally> _dispatcherMethods = new(StringComparer.Ordinal);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            long ticks = Stopwatch.GetTimestamp() - start;
            string grain = context.TargetId.ToString();
            _byGrain.GetOrAdd(grain, _ => new Tally()).Add(ticks);
            if (grain.StartsWith("dispatcher", StringComparison.Ordinal))
            {
                _dispatcherMethods.GetOrAdd(context.MethodName, _ => new Tally()).Add(ticks);
            }
        }
    }

    public Dictionary<string, (long Calls, double Seconds)> Grains() => Snapshot(_byGrain);

    public Dictionary<string, (long Calls, double Seconds)> DispatcherMethods() => Snapshot(_dispatcherMethods);

    private static Dictionary<string, (long Calls, double Seconds)> Snapshot(ConcurrentDictionary<string, Tally> tallies)
        => tallies.ToDictionary(t => t.Key, t => t.Value.Read(), StringComparer.Ordinal);

    private sealed class Tally
    {
        private long _calls;
        private long _ticks;

        public void Add(long ticks)
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _ticks, ticks);
        }

        public (long Calls, double Seconds) Read() => (Interlocked.Read(ref _calls), (double)Interlocked.Read(ref _ticks) / Stopwatch.Frequency);
    }
}
