using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Sweep.Campaigns;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>
/// The in-memory queue of batches waiting for compute slots. It holds no state of its own:
/// grid points re-enqueue their pending batches periodically, so a lost queue refills itself.
/// Leases of silos that left the cluster, or silent for longer than the lease timeout, return
/// to the queue, ahead of everything else (see <see cref="DispatchQueue"/> for the order).
/// Each silo leases only batches that fit the memory of its slots (<see cref="SlotMemory"/>);
/// a point whose batches fit no silo active in the cluster, for longer than
/// <see cref="DispatcherOptions.UnplaceableGrace"/>, fails with the memory it needs.
/// </summary>
public sealed class DispatcherGrain : Grain, IDispatcherGrain
{
    private static readonly TimeSpan LapseCheckPeriod = TimeSpan.FromSeconds(1);

    private readonly DispatchQueue _queue = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LeaseIndex _leases = new();
    private readonly IClusterMembershipService _membership;
    private readonly DispatcherOptions _options;
    private readonly WorkAvailableSignal _signal;
    private MembershipVersion _checkedMembership = MembershipVersion.MinValue;
    private DateTime _nextLapseCheck = DateTime.MinValue;

    private readonly SlotPlacement _placement;
    private readonly SiloLoads _loads;
    private DateTime _lastPlacementCheck = DateTime.MinValue;

    public DispatcherGrain(IClusterMembershipService membership, IOptions<DispatcherOptions> options, WorkAvailableSignal signal)
    {
        ArgumentNullException.ThrowIfNull(options);
        _membership = membership;
        _options = options.Value;
        _signal = signal;
        _placement = new SlotPlacement(_options);
        _loads = new SiloLoads(_options.SiloActiveWindow);
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
                // A newer attempt replaces a queued one; a leased batch is left to finish. A
                // speculative batch its point now needs moves up among the others.
                if (!existing.Leased && w.Attempt > existing.Work.Attempt)
                {
                    existing.Work = w;
                }
                else if (!existing.Leased && existing.Work.Speculative && !w.Speculative)
                {
                    existing.Work = existing.Work with { Speculative = false };
                    _queue.Add(existing.Work, ahead: false);
                    added = true;
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

    public Task<BatchWork[]> Lease(string silo, int max, long bytesPerSlot, int slots)
    {
        DateTime now = DateTime.UtcNow;
        _placement.Report(silo, bytesPerSlot, now);
        _loads.Report(silo, slots, now);
        RequeueLapsedLeases();
        FailUnplaceablePoints(now);
        var leased = new List<BatchWork>();
        while (leased.Count < max && _queue.TryTake(bytesPerSlot, out string key))
        {
            Entry entry = _entries[key];
            entry.Silo = silo;
            entry.LeasedAt = DateTime.UtcNow;
            _leases.Add(silo, key);
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

    public Task Renew(string silo, string[] held, long bytesPerSlot, int slots)
    {
        ArgumentNullException.ThrowIfNull(held);
        var stillHeld = new HashSet<string>(held, StringComparer.Ordinal);
        DateTime now = DateTime.UtcNow;
        // A silo busy on all its slots leases nothing, but it is still there to take the
        // batches that fit it once a slot is free (also after this grain was activated again).
        _placement.Report(silo, bytesPerSlot, now);
        _loads.Report(silo, slots, now);

        foreach (string key in _leases.KeysOf(silo))
        {
            Entry entry = _entries[key];
            if (!stillHeld.Contains(key) && now - entry.LeasedAt > _options.RenewGrace)
            {
                Requeue(entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task Complete(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_entries.Remove(id.GrainKey, out Entry? entry))
        {
            if (entry.Silo is { } silo)
            {
                _leases.Remove(silo, id.GrainKey);
                _loads.Completed(silo, DateTime.UtcNow);
            }

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

    public Task<BatchId[]> Withdraw(BatchId[] batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var dropped = new List<BatchId>();
        foreach (BatchId id in batches)
        {
            if (_entries.TryGetValue(id.GrainKey, out Entry? entry) && !entry.Leased)
            {
                _queue.Remove(id.GrainKey);
                _entries.Remove(id.GrainKey);
                dropped.Add(id);
            }
        }

        return Task.FromResult(dropped.ToArray());
    }

    public Task<int> CountInFlight(string campaign)
        => Task.FromResult(_entries.Values.Count(e => e.Work.Id.Point.Campaign == campaign));

    public Task<(int Queued, int Leased)> GetCounts() => Task.FromResult((_queue.Count, _entries.Count - _queue.Count));

    // O(silos): the counts are kept as batches move, and a page polls this every 2 s.
    public Task<ComputeLoad> GetLoad()
    {
        ClusterMembershipSnapshot snapshot = _membership.CurrentSnapshot;
        SiloLoad[] silos = _loads.Read(
            DateTime.UtcNow,
            _leases.CountOf,
            silo => snapshot.Members.TryGetValue(SiloAddress.FromParsableString(silo), out ClusterMember? member) ? member.Name : silo,
            silo => snapshot.GetSiloStatus(SiloAddress.FromParsableString(silo)) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping);
        return Task.FromResult(new ComputeLoad(true, silos, _queue.Count, _entries.Count - _queue.Count, SiloLoads.RateWindow.TotalSeconds));
    }

    /// <summary>
    /// Takes back the leases of silos that left (checked when the membership changed, and at
    /// least once a second) and leases older than the lease timeout (checked once a second: the
    /// timeout is minutes). Each check walks the leased batches only, never the queue.
    /// </summary>
    private void RequeueLapsedLeases()
    {
        DateTime now = DateTime.UtcNow;
        ClusterMembershipSnapshot snapshot = _membership.CurrentSnapshot;
        bool due = now >= _nextLapseCheck;
        if (snapshot.Version != _checkedMembership || due)
        {
            _checkedMembership = snapshot.Version;
            foreach (string silo in _leases.Silos.ToArray())
            {
                if (snapshot.GetSiloStatus(SiloAddress.FromParsableString(silo)) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping)
                {
                    foreach (string key in _leases.KeysOf(silo))
                    {
                        Requeue(_entries[key]);
                    }
                }
            }
        }

        if (due)
        {
            _nextLapseCheck = now + LapseCheckPeriod;
            foreach (string key in _leases.AllKeys())
            {
                Entry entry = _entries[key];
                if (now - entry.LeasedAt > _options.LeaseTimeout)
                {
                    Requeue(entry);
                }
            }
        }
    }

    /// <summary>
    /// Fails the points whose queued batches no active silo has been able to hold for the grace
    /// (<see cref="SlotPlacement"/>). With no active silo nothing is decided: a point waits for
    /// silos, as it always did.
    /// </summary>
    private void FailUnplaceablePoints(DateTime now)
    {
        if (now - _lastPlacementCheck < _options.PlacementCheckPeriod)
        {
            return;
        }

        _lastPlacementCheck = now;
        var snapshot = _membership.CurrentSnapshot;
        var (due, largest, silos) = _placement.Due(
            _entries.Values.Where(e => !e.Leased).Select(e => (e.Work.Id.Point.GrainKey, e.BytesPerSlot)),
            now,
            silo => snapshot.GetSiloStatus(SiloAddress.FromParsableString(silo)) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping);
        foreach (string point in due)
        {
            List<Entry> entries = _entries.Values.Where(e => !e.Leased && e.Work.Id.Point.GrainKey == point).ToList();
            string reason = UnplaceableReason(entries[0].Work, entries[0].BytesPerSlot, largest, silos);
            foreach (Entry entry in entries)
            {
                _queue.Remove(entry.Work.Id.GrainKey);
                _entries.Remove(entry.Work.Id.GrainKey);
            }

            // Not awaited: the point may be calling this grain (Enqueue) right now.
            GrainFactory.GetGrain<IGridPointGrain>(point).Fail(reason).Ignore();
        }
    }

    private static string UnplaceableReason(BatchWork work, double needed, long largest, int silos)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{SlotMemory.UnplaceablePrefix}: N = {work.Id.Point.N} in {work.Id.Point.D}D at T = {work.Settings.TimePoints} with the {work.Settings.Kernel.Code} kernel needs {MemorySize.Format(needed)} per compute slot, " +
            $"{(silos == 1 ? "and the only active silo has" : $"and the {silos} active silos have at most")} {MemorySize.Format(largest)} per slot (--memory-per-slot: give slots more memory, or run fewer slots, or lower N)");

    // A lease that comes back may have been computed and stored before it was lost.
    private void Requeue(Entry entry)
    {
        if (entry.Silo is { } silo)
        {
            _leases.Remove(silo, entry.Work.Id.GrainKey);
        }

        entry.Silo = null;
        entry.Work = entry.Work with { MayBeStored = true };
        _queue.Add(entry.Work, ahead: true);
        _signal.Notify();
    }

    private sealed class Entry(BatchWork work)
    {
        public BatchWork Work { get; set; } = work;

        /// <summary>Memory a slot needs for the batch; its settings never change with the attempt.</summary>
        public double BytesPerSlot { get; } = SlotMemory.Requirement(work);

        /// <summary>The silo holding the lease; null while the batch waits in the queue.</summary>
        public string? Silo { get; set; }

        public bool Leased => Silo is not null;

        public DateTime LeasedAt { get; set; }
    }
}
