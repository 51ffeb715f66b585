using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>
/// The in-memory queue of batches waiting for compute slots. It holds no state of its own:
/// grid points re-enqueue their pending batches periodically, so a lost queue refills itself.
/// Leases of silos that left the cluster, or silent for longer than the lease timeout, return
/// to the queue.
/// </summary>
public sealed class DispatcherGrain : Grain, IDispatcherGrain
{
    private readonly LinkedList<string> _queue = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IClusterMembershipService _membership;
    private readonly DispatcherOptions _options;

    public DispatcherGrain(IClusterMembershipService membership, IOptions<DispatcherOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _membership = membership;
        _options = options.Value;
    }

    public Task Enqueue(BatchWork[] work)
    {
        ArgumentNullException.ThrowIfNull(work);
        foreach (BatchWork w in work)
        {
            string key = w.Id.GrainKey;
            if (_entries.TryGetValue(key, out Entry? existing))
            {
                // A newer attempt replaces a queued one; a leased batch is left to finish.
                if (existing.Node is not null && w.Attempt > existing.Work.Attempt)
                {
                    existing.Work = w;
                }

                continue;
            }

            _entries[key] = new Entry(w) { Node = _queue.AddLast(key) };
        }

        return Task.CompletedTask;
    }

    public Task<BatchWork[]> Lease(string silo, int max)
    {
        RequeueLapsedLeases();
        var leased = new List<BatchWork>();
        while (leased.Count < max && _queue.First is { } node)
        {
            _queue.RemoveFirst();
            Entry entry = _entries[node.Value];
            entry.Node = null;
            entry.Silo = silo;
            entry.LeasedAt = DateTime.UtcNow;
            leased.Add(entry.Work);
        }

        return Task.FromResult(leased.ToArray());
    }

    public Task Return(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_entries.TryGetValue(id.GrainKey, out Entry? entry) && entry.Node is null)
        {
            entry.Silo = null;
            entry.Node = _queue.AddFirst(id.GrainKey);
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
            if (entry.Node is null && entry.Silo == silo && !stillHeld.Contains(key) && now - entry.LeasedAt > _options.RenewGrace)
            {
                Requeue(key, entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task Complete(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_entries.Remove(id.GrainKey, out Entry? entry) && entry.Node is not null)
        {
            _queue.Remove(entry.Node);
        }

        return Task.CompletedTask;
    }

    public Task CancelCampaign(string campaign)
    {
        foreach (var (key, entry) in _entries.Where(e => e.Value.Work.Id.Point.Campaign == campaign).ToList())
        {
            if (entry.Node is not null)
            {
                _queue.Remove(entry.Node);
                _entries.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<(int Queued, int Leased)> GetCounts() => Task.FromResult((_queue.Count, _entries.Count - _queue.Count));

    private void RequeueLapsedLeases()
    {
        DateTime now = DateTime.UtcNow;
        var snapshot = _membership.CurrentSnapshot;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Node is not null || entry.Silo is null)
            {
                continue;
            }

            bool lapsed = now - entry.LeasedAt > _options.LeaseTimeout;
            bool gone = snapshot.GetSiloStatus(SiloAddress.FromParsableString(entry.Silo)) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping;
            if (lapsed || gone)
            {
                Requeue(key, entry);
            }
        }
    }

    private void Requeue(string key, Entry entry)
    {
        entry.Silo = null;
        entry.Node = _queue.AddFirst(key);
    }

    private sealed class Entry(BatchWork work)
    {
        public BatchWork Work { get; set; } = work;

        public LinkedListNode<string>? Node { get; set; }

        public string? Silo { get; set; }

        public DateTime LeasedAt { get; set; }
    }
}
