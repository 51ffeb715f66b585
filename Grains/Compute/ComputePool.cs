using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>
/// The silo's bounded pool of compute slots. Batches run on dedicated threads outside the
/// Orleans scheduler, so no grain turn ever carries the kernel; a slot stays taken until the
/// result has been handed to the batch grain.
/// </summary>
public sealed class ComputePool : IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly ILogger<ComputePool> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slotFreed = new(0);
    private int _busy;
    private long _computed;
    private double _computeSeconds;

    public ComputePool(IGrainFactory grains, IOptions<ComputeOptions> options, ILogger<ComputePool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _logger = logger;
        Slots = Math.Max(1, options.Value.Slots);
    }

    public int Slots { get; }

    public int FreeSlots => Slots - Volatile.Read(ref _busy);

    /// <summary>Batches computed by this pool since the silo started.</summary>
    public long BatchesComputed => Interlocked.Read(ref _computed);

    /// <summary>Kernel-side seconds spent in those batches (summed over slots).</summary>
    public double ComputeSeconds => Volatile.Read(ref _computeSeconds);

    /// <summary>Takes a slot and starts the batch on it; false when every slot is busy.</summary>
    public bool TryStart(BatchWork work)
    {
        if (_stopping.IsCancellationRequested)
        {
            return false;
        }

        if (Interlocked.Increment(ref _busy) > Slots)
        {
            Interlocked.Decrement(ref _busy);
            return false;
        }

        _ = Task.Factory.StartNew(
            () => ExecuteAsync(work),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        return true;
    }

    /// <summary>Waits until a slot is freed (or the timeout passes).</summary>
    public Task WaitForFreeSlotAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => _slotFreed.WaitAsync(timeout, cancellationToken);

    /// <summary>Stops taking work and cancels running batches at their next realization.</summary>
    public void Stop() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _slotFreed.Dispose();
    }

    private async Task ExecuteAsync(BatchWork work)
    {
        var batch = _grains.GetGrain<IRealizationBatchGrain>(work.Id.GrainKey);
        try
        {
            BatchResult result = BatchComputation.Run(work, _stopping.Token);
            Interlocked.Increment(ref _computed);
            AddSeconds(result.ComputeSeconds);
            // One line per computation: silo logs are how operators and the cluster tests
            // count what was (re)computed.
            _logger.LogInformation("computed batch {Batch} in {Seconds:F3} s", work.Id.GrainKey, result.ComputeSeconds);
            await batch.Complete(result);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo is stopping: the dispatcher re-queues this silo's leases when it leaves.
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            _logger.LogWarning(e, "batch {Batch} attempt {Attempt} failed", work.Id.GrainKey, work.Attempt);
            try
            {
                await batch.Fail(work, e.GetType().Name + ": " + e.Message);
            }
            catch (Exception report) when (!_stopping.IsCancellationRequested)
            {
                _logger.LogWarning(report, "could not report the failure of batch {Batch}; it will be re-dispatched", work.Id.GrainKey);
            }
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "batch {Batch} abandoned while the silo stops", work.Id.GrainKey);
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
            _slotFreed.Release();
        }
    }

    private void AddSeconds(double seconds)
    {
        double seen = Volatile.Read(ref _computeSeconds);
        while (true)
        {
            double prior = Interlocked.CompareExchange(ref _computeSeconds, seen + seconds, seen);
            if (prior.Equals(seen))
            {
                return;
            }

            seen = prior;
        }
    }
}
