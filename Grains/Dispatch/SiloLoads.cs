using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>
/// The dispatcher's view of each silo's compute: its slots (told with every lease and renewal),
/// when it was last heard from, and its completed batches per second (<see cref="CompletionRate"/>).
/// A silo silent for longer than the active window, or leaving the cluster, is dropped when the
/// load is read. Every operation touches one silo, or each silo once: O(silos), never the queue.
/// </summary>
public sealed class SiloLoads(TimeSpan activeWindow)
{
    /// <summary>The window of the batches-per-second rates.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(ComputeLoad.DefaultRateWindowSeconds);

    private static readonly TimeSpan RateBucket = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, State> _silos = new(StringComparer.Ordinal);

    public int Count => _silos.Count;

    /// <summary>A lease or renewal of the silo, with its number of compute slots.</summary>
    public void Report(string silo, int slots, DateTime now)
    {
        State state = StateOf(silo, now);
        state.Slots = slots;
        state.Seen = now;
    }

    /// <summary>The silo stored a batch it had leased.</summary>
    public void Completed(string silo, DateTime now) => StateOf(silo, now).Rate.Record(now);

    /// <summary>
    /// One <see cref="SiloLoad"/> per active silo, ordered by address; <paramref name="leased"/>
    /// gives the batches leased to a silo, <paramref name="name"/> its name in the cluster.
    /// Busy slots are the leased batches up to the slots: the rest wait in the silo's queue.
    /// </summary>
    public SiloLoad[] Read(DateTime now, Func<string, int> leased, Func<string, string> name, Func<string, bool> leaving)
    {
        ArgumentNullException.ThrowIfNull(leased);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(leaving);
        var loads = new List<SiloLoad>(_silos.Count);
        foreach ((string silo, State state) in _silos.ToList())
        {
            if (now - state.Seen > activeWindow || leaving(silo))
            {
                _silos.Remove(silo);
                continue;
            }

            int held = leased(silo);
            loads.Add(new SiloLoad(name(silo), silo, state.Slots, Math.Min(held, state.Slots), held, state.Rate.PerSecond(now)));
        }

        return [.. loads.OrderBy(l => l.Address, StringComparer.Ordinal)];
    }

    private State StateOf(string silo, DateTime now)
    {
        if (!_silos.TryGetValue(silo, out State? state))
        {
            // A completion can arrive before the silo's first report reaches this activation
            // (the dispatcher was activated again): count it, with no slots until it reports.
            state = new State(new CompletionRate(RateWindow, RateBucket, now)) { Seen = now };
            _silos[silo] = state;
        }

        return state;
    }

    private sealed class State(CompletionRate rate)
    {
        public CompletionRate Rate { get; } = rate;

        public int Slots { get; set; }

        public DateTime Seen { get; set; }
    }
}
