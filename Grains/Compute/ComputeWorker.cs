using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>
/// Pulls batches from the dispatcher only while this silo's compute pool has room, so the silo
/// never holds more batches than its slots and their short queue (backpressure). A batch that may have a stored
/// result starts through its batch grain (activated here), which reports that result instead of
/// computing; a batch dispatched for the first time goes straight to the compute pool.
/// </summary>
public sealed class ComputeWorker : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly ComputePool _pool;
    private readonly WorkAvailableSignal _workAvailable;
    private readonly ILocalSiloDetails _silo;
    private readonly ComputeOptions _options;
    private readonly ILogger<ComputeWorker> _logger;

    public ComputeWorker(IGrainFactory grains, ComputePool pool, WorkAvailableSignal workAvailable, ILocalSiloDetails silo, IOptions<ComputeOptions> options, ILogger<ComputeWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _pool = pool;
        _workAvailable = workAvailable;
        _silo = silo;
        _options = options.Value;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pool.Stop();
        await base.StopAsync(cancellationToken);
        // A batch finished just before the stop is still being stored on the thread pool.
        await _pool.DrainAsync(TimeSpan.FromSeconds(10));
    }

    // A batch grain that cannot activate (its store is briefly unreachable) must not keep the
    // lease: the batch would stay leased to this live silo and never be dispatched again.
    private async Task<bool> TryStart(BatchWork work)
    {
        if (!work.MayBeStored)
        {
            // Nothing to look up: compute at once, and let the batch grain activate when the
            // result is ready to be stored, off the compute slot's critical path.
            return _pool.TryStart(work);
        }

        try
        {
            return await _grains.GetGrain<IRealizationBatchGrain>(work.Id.GrainKey).Start(work);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("could not start batch {Batch}: {Error}; returning it to the queue", work.Id.GrainKey, e.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string silo = _silo.SiloAddress.ToParsableString();
        var dispatcher = _grains.GetGrain<IDispatcherGrain>(0);
        _logger.LogInformation("compute worker on {Silo} with {Slots} slots and room for {Queued} queued batches", silo, _pool.Slots, _pool.Capacity - _pool.Slots);
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
                    await dispatcher.Renew(silo, _pool.HeldBatches);
                    lastRenew = DateTime.UtcNow;
                }

                int room = _pool.Room;
                if (room <= 0)
                {
                    await _pool.WaitForRoomAsync(_options.IdlePoll, stoppingToken);
                    continue;
                }

                BatchWork[] leased = await dispatcher.Lease(silo, room);
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
