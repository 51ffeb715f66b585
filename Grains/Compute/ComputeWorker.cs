using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Sweep.Campaigns;
using Sweep.Grains.Batches;
using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Compute;

/// <summary>
/// Pulls batches from the dispatcher only while this silo's compute pool has room, so the silo
/// never holds more batches than its slots and their short queue (backpressure). A batch that may have a stored
/// result is looked up in the batch store first, and a stored result of the same settings is
/// reported instead of computed; a batch dispatched for the first time goes straight to the pool.
/// </summary>
public sealed class ComputeWorker : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly ComputePool _pool;
    private readonly IBatchResultStore _store;
    private readonly WorkAvailableSignal _workAvailable;
    private readonly ILocalSiloDetails _silo;
    private readonly ComputeOptions _options;
    private readonly DiskFullFault _diskFull;
    private readonly ILogger<ComputeWorker> _logger;

    public ComputeWorker(IGrainFactory grains, ComputePool pool, IBatchResultStore store, WorkAvailableSignal workAvailable, ILocalSiloDetails silo, DiskFullFault diskFull, IOptions<ComputeOptions> options, ILogger<ComputeWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _diskFull = diskFull;
        _grains = grains;
        _pool = pool;
        _store = store;
        _workAvailable = workAvailable;
        _silo = silo;
        _options = options.Value;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pool.Stop();
        await base.StopAsync(cancellationToken);
        // Leaving the cluster gracefully: queued batches go back to the dispatcher now, running
        // ones as soon as they are cancelled, and a batch finished just before the stop is still
        // being stored on the thread pool. The silo's shutdown timeout (15 s) bounds all of it.
        await _pool.ReturnQueuedAsync(TimeSpan.FromSeconds(3));
        await _pool.DrainAsync(TimeSpan.FromSeconds(10));
    }

    // A batch whose store cannot be read (Redis briefly unreachable) must not keep the lease:
    // it would stay leased to this live silo and never be dispatched again.
    private async Task<bool> TryStart(BatchWork work)
    {
        if (!work.MayBeStored)
        {
            // Planned by its point's current activation: nothing can be stored, compute at once.
            return _pool.TryStart(work);
        }

        try
        {
            BatchResult? stored = await _store.ReadAsync(work.Id);
            if (stored is not null && stored.Provenance.Settings == work.Settings)
            {
                await BatchReport.SendAsync(_grains, stored, fromStore: true);
                return true;
            }

            // Not stored, or left by a deleted campaign of the same name with other settings:
            // computed afresh, and the pool replaces such a result when it stores the new one.
            return _pool.TryStart(work);
        }
        catch (StoredPayloadCorruptException e)
        {
            // Never used; results are deterministic, so computing the batch again restores its
            // exact bits, and the pool replaces the damaged payload when it stores them.
            _logger.LogError("batch {Batch}: {Error}; computing it again", work.Id.GrainKey, e.Message);
            return _pool.TryStart(work);
        }
        catch (StoredPayloadVersionException e)
        {
            // Never used: the point counts a failed attempt with the reason.
            _logger.LogError("batch {Batch}: {Error}", work.Id.GrainKey, e.Message);
            await BatchReport.SendFailureAsync(_grains, work, e.Message);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("could not look up batch {Batch}: {Error}; returning it to the queue", work.Id.GrainKey, e.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string silo = _silo.SiloAddress.ToParsableString();
        var dispatcher = _grains.GetGrain<IDispatcherGrain>(0);
        long memoryPerSlot = _options.MemoryPerSlotBytes ?? SlotMemory.Available(_pool.Slots);
        _logger.LogInformation(
            "compute worker on {Silo} with {Slots} slots of {Memory} each ({Source}) and room for {Queued} queued batches",
            silo,
            _pool.Slots,
            MemorySize.Format(memoryPerSlot),
            _options.MemoryPerSlotBytes is null ? $"of {MemorySize.Format(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)} available, less {MemorySize.Format(SlotMemory.ProcessReserveBytes)} for the process" : "as configured",
            _pool.Capacity - _pool.Slots);
        DateTime lastRenew = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow - lastRenew >= _options.RenewPeriod)
                {
                    // Tells the dispatcher which of its leases this silo still works on, so a
                    // lease this silo lost track of goes back to the queue instead of waiting out
                    // the lease timeout.
                    await dispatcher.Renew(silo, _pool.HeldBatches, memoryPerSlot, _pool.Slots);
                    lastRenew = DateTime.UtcNow;
                }

                int room = _pool.Room;
                if (_diskFull.Cause is not null)
                {
                    // Nothing computed now could be stored: the run stops, its leases lapse back.
                    await Task.Delay(_options.IdlePoll, stoppingToken);
                    continue;
                }

                if (room <= 0)
                {
                    await _pool.WaitForRoomAsync(_options.IdlePoll, stoppingToken);
                    continue;
                }

                BatchWork[] leased = await dispatcher.Lease(silo, room, memoryPerSlot, _pool.Slots);
                if (leased.Length == 0)
                {
                    await _workAvailable.WaitAsync(_options.IdlePoll, stoppingToken);
                    continue;
                }

                foreach (BatchWork work in leased)
                {
                    if (!await TryStart(work))
                    {
                        await dispatcher.Return(work.Id);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "compute worker could not reach the dispatcher; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
