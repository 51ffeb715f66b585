using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>
/// The in-memory queue of batches waiting for compute slots. It holds no state of its own:
/// grid points re-enqueue their pending batches periodically, so a lost queue refills itself.
/// Leases of silos that left the cluster, or silent for longer than the lease timeout, return
/// to the queue, ahead of everything else (see <see cref="DispatchQueue"/> for the order).
/// </summary>
public sealed class DispatcherGrain : Grain, IDispatcherGrain
{
    private readonly DispatchQueue _queue = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IClusterMembershipService _membership;
    private readonly DispatcherOptions _options;
    private readonly WorkAvailableSignal _signal;

    public DispatcherGrain(IClusterMembershipService membership, IOptions<DispatcherOptions> options, WorkAvailableSignal signal)
    {
        ArgumentNullException.ThrowIfNull(options);
        _membership = membership;
        _options = options.Value;
        _signal = signal;
    }

    public Task Enqueue(BatchWork[] work)
    {
        ArgumentNullException.ThrowIfNull(work);
        bool added = false;
        foreach (BatchWork w in work)
        {
            string key = w.Id.GrainKey;
            if (_entries.TryGetValue(key, out Entry? existing))
            {
                // A newer attempt replaces a queued one; a leased batch is left to finish.
                if (!existing.Leased && w.Attempt > existing.Work.Attempt)
                {
                    existing.Work = w;
                }

                continue;
            }

            _entries[key] = new Entry(w);
            _queue.Add(w, ahead: false);
            added = true;
        }

        if (added)
        {
            _signal.Notify();
        }

        return Task.CompletedTask;
    }

    public Task<BatchWork[]> Lease(string silo, int max)
    {
        RequeueLapsedLeases();
        var leased = new List<BatchWork>();
        while (leased.Count < max && _queue.TryTake(out string key))
        {
            Entry entry = _entries[key];
            entry.Silo = silo;
            entry.LeasedAt = DateTime.UtcNow;
            leased.Add(entry.Work);
        }

        return Task.FromResult(leased.ToArray());
    }

    public Task Return(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_entries.TryGetValue(id.GrainKey, out Entry? entry) && entry.Leased)
        {
            Requeue(entry);
        }

        return Task.CompletedTask;
    }

    public Task Renew(string silo, string[] held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var stillHeld = new HashSet<string>(held, StringComparer.Ordinal);
        DateTime now = DateTime.UtcNow;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Silo == silo && !stillHeld.Contains(key) && now - entry.LeasedAt > _options.RenewGrace)
            {
                Requeue(entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task Complete(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_entries.Remove(id.GrainKey))
        {
            _queue.Remove(id.GrainKey);
        }

        return Task.CompletedTask;
    }

    public Task CancelCampaign(string campaign)
    {
        foreach (var (key, entry) in _entries.Where(e => e.Value.Work.Id.Point.Campaign == campaign).ToList())
        {
            if (!entry.Leased)
            {
                _queue.Remove(key);
                _entries.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> CountInFlight(string campaign)
        => Task.FromResult(_entries.Values.Count(e => e.Work.Id.Point.Campaign == campaign));

    public Task<(int Queued, int Leased)> GetCounts() => Task.FromResult((_queue.Count, _entries.Count - _queue.Count));

    private void RequeueLapsedLeases()
    {
        DateTime now = DateTime.UtcNow;
        var snapshot = _membership.CurrentSnapshot;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Silo is null)
            {
                continue;
            }

            bool lapsed = now - entry.LeasedAt > _options.LeaseTimeout;
            bool gone = snapshot.GetSiloStatus(SiloAddress.FromParsableString(entry.Silo)) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping;
            if (lapsed || gone)
            {
                Requeue(entry);
            }
        }
    }

    // A lease that comes back may have been computed and stored before it was lost.
    private void Requeue(Entry entry)
    {
        entry.Silo = null;
        entry.Work = entry.Work with { MayBeStored = true };
        _queue.Add(entry.Work, ahead: true);
        _signal.Notify();
    }

    private sealed class Entry(BatchWork work)
    {
        public BatchWork Work { get; set; } = work;

        /// <summary>The silo holding the lease; null while the batch waits in the queue.</summary>
        public string? Silo { get; set; }

        public bool Leased => Silo is not null;

        public DateTime LeasedAt { get; set; }
    }
}
