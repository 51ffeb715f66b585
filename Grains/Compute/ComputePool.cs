using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Compute;

/// <summary>
/// The silo's bounded pool of compute slots. Batches run on dedicated threads outside the
/// Orleans scheduler, so no grain turn ever carries the kernel. The pool holds at most its slots
/// plus <see cref="ComputeOptions.LeaseAhead"/> batches: the extra ones wait in its queue, so a
/// slot that finishes a batch takes the next without waiting for the dispatcher.
/// </summary>
public sealed class ComputePool : IDisposable
{
    // About half a minute of retries: longer than a Redis restart, short of hiding an outage.
    private const int DeliveryAttempts = 10;

    // Insert, find a deleted campaign's result of other settings, erase it, insert again: a
    // batch that still finds no home after this many rounds is retried as a delivery failure.
    private const int SettleRounds = 4;

    private readonly IGrainFactory _grains;
    private readonly IBatchResultStore _store;
    private readonly IBatchComputation _computation;
    private readonly ILogger<ComputePool> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly DiskFullFault _diskFull;
    private readonly SemaphoreSlim _slotFreed = new(0);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.BlockingCollection<BatchWork> _started = new();
    private int _busy;
    private long _computed;
    private long _realizationsComputed;
    private long _storeWrites;
    private double _storeWriteSeconds;
    private double _computeSeconds;

    public ComputePool(IGrainFactory grains, IBatchResultStore store, IBatchComputation computation, DiskFullFault diskFull, IOptions<ComputeOptions> options, ILogger<ComputePool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _computation = computation;
        _diskFull = diskFull;
        _store = store;
        _logger = logger;
        Slots = Math.Max(1, options.Value.Slots);
        Capacity = Slots + Math.Max(0, options.Value.LeaseAhead ?? Slots);
        // One long-lived thread per slot: a thread per batch costs its creation every time,
        // which shows when a campaign has thousands of small batches.
        for (int i = 0; i < Slots; i++)
        {
            new Thread(RunSlot) { IsBackground = true, Name = $"sweep-compute-{i + 1}" }.Start();
        }
    }

    public int Slots { get; }

    /// <summary>Batches the pool holds at most: its slots and the queue behind them.</summary>
    public int Capacity { get; }

    /// <summary>Batches the pool can take now (running or queued for a slot).</summary>
    public int Room => Capacity - Volatile.Read(ref _busy);

    /// <summary>True while no batch is running or queued (the bench watches it for the first start).</summary>
    public bool Idle => Volatile.Read(ref _busy) == 0;

    /// <summary>Batches this pool computes or is still delivering (grain keys).</summary>
    public string[] HeldBatches => _held.Keys.ToArray();

    /// <summary>Batches computed by this pool since the silo started.</summary>
    public long BatchesComputed => Interlocked.Read(ref _computed);

    /// <summary>Realizations in those batches.</summary>
    public long RealizationsComputed => Interlocked.Read(ref _realizationsComputed);

    /// <summary>Batch results written to the store by this pool (insert-if-absent calls), and the seconds they took in all.</summary>
    public (long Writes, double Seconds) StoreWrites
    {
        get
        {
            lock (_held)
            {
                return (_storeWrites, _storeWriteSeconds);
            }
        }
    }

    /// <summary>Slots computing now: every slot while batches wait in the queue behind them.</summary>
    public int SlotsBusy => Math.Min(Slots, Capacity - Room);

    /// <summary>Kernel-side seconds spent in those batches (summed over slots).</summary>
    public double ComputeSeconds => Volatile.Read(ref _computeSeconds);

    /// <summary>Queues the batch for the next free slot; false when the pool is full.</summary>
    public bool TryStart(BatchWork work)
    {
        if (_stopping.IsCancellationRequested)
        {
            return false;
        }

        if (!_held.TryAdd(work.Id.GrainKey, 0))
        {
            // Leased again while this pool still computes or delivers it: one computation is enough.
            return true;
        }

        if (Interlocked.Increment(ref _busy) > Capacity)
        {
            Interlocked.Decrement(ref _busy);
            _held.TryRemove(work.Id.GrainKey, out _);
            return false;
        }

        try
        {
            _started.Add(work);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Disposed between the check above and here: the silo is stopping.
            Interlocked.Decrement(ref _busy);
            _held.TryRemove(work.Id.GrainKey, out _);
            return false;
        }
    }

    /// <summary>Waits until a batch leaves the pool's slots (or the timeout passes).</summary>
    public Task WaitForRoomAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => _slotFreed.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Stops taking work and cancels running batches at their next realization; each cancelled
    /// batch goes back to the dispatcher's queue (wait for that with <see cref="DrainAsync"/>).
    /// </summary>
    public void Stop() => _stopping.Cancel();

    /// <summary>
    /// Hands the batches still queued for a slot back to the dispatcher (at most
    /// <paramref name="timeout"/>), so that a silo that leaves does not hold them until the
    /// dispatcher notices it is gone. Call after <see cref="Stop"/>.
    /// </summary>
    public async Task ReturnQueuedAsync(TimeSpan timeout)
    {
        var queued = new List<BatchWork>();
        while (_started.TryTake(out BatchWork? work))
        {
            queued.Add(work);
        }

        try
        {
            await Task.WhenAll(queued.Select(ReturnLease)).WaitAsync(timeout);
        }
        catch (Exception e)
        {
            // Left to the dispatcher, which re-queues the leases of a silo that left.
            _logger.LogWarning("could not return {Count} queued batches to the dispatcher: {Error}", queued.Count, e.Message);
        }
        finally
        {
            foreach (BatchWork work in queued)
            {
                Interlocked.Decrement(ref _busy);
                _held.TryRemove(work.Id.GrainKey, out _);
            }
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until every batch this pool held has been
    /// cancelled and handed back, or stored and reported, so that nothing is written to the store
    /// after the silo has stopped and no lease is left to a silo that is gone. Call after
    /// <see cref="Stop"/> and <see cref="ReturnQueuedAsync"/>.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        // Waits on the held set rather than on the delivery tasks: a batch still in the kernel
        // when the stop came has no delivery task yet until it notices the cancellation.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!_held.IsEmpty)
        {
            if (deadline.Elapsed >= timeout)
            {
                _logger.LogWarning("{Count} batches were still being stored or returned when the silo stopped", _held.Count);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _started.CompleteAdding();
        _started.Dispose();
        _stopping.Dispose();
        _slotFreed.Dispose();
    }

    private void RunSlot()
    {
        try
        {
            foreach (BatchWork work in _started.GetConsumingEnumerable(_stopping.Token))
            {
                // Runs the computation on this thread; storing and reporting continue on the
                // thread pool after the slot is freed (see the yield in ExecuteAsync).
                _ = ExecuteAsync(work);
            }
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping.
        }
        catch (ObjectDisposedException)
        {
            // The pool was disposed while this slot waited for work.
        }
    }

    private async Task ExecuteAsync(BatchWork work)
    {
        BatchResult? result = null;
        Exception? failure = null;
        bool cancelled = false;
        try
        {
            result = _computation.Run(work, _stopping.Token);
            Interlocked.Increment(ref _computed);
            Interlocked.Add(ref _realizationsComputed, work.Id.Count);
            AddSeconds(result.ComputeSeconds);
            // One line per computation: silo logs are how operators and the cluster tests
            // count what was (re)computed.
            _logger.LogInformation("computed batch {Batch} in {Seconds:F3} s", work.Id.GrainKey, result.ComputeSeconds);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo is stopping: the batch goes back to the queue below, at once, so another
            // silo takes it now instead of when the dispatcher sees this silo gone.
            cancelled = true;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "batch {Batch} attempt {Attempt} failed", work.Id.GrainKey, work.Attempt);
            failure = e;
        }
        finally
        {
            // The slot is free once the kernel is done: storing and reporting are I/O and must
            // not hold back the next computation.
            Interlocked.Decrement(ref _busy);
            _slotFreed.Release();
        }

        // Serializing and writing the result would otherwise run on this slot's thread up to the
        // first write that really waits, keeping the slot's next batch waiting in the queue.
        await Task.Yield();
        try
        {
            if (result is not null)
            {
                await Deliver(work, result);
            }
            else if (failure is not null)
            {
                await ReportFailure(work, failure.GetType().Name + ": " + failure.Message);
            }
            else if (cancelled)
            {
                await ReturnLease(work);
            }
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "batch {Batch} abandoned while the silo stops", work.Id.GrainKey);
            // Its lease goes back too: another silo reports its result from the store if it was
            // stored, or computes it.
            try
            {
                await ReturnLease(work);
            }
            catch (Exception unreturned)
            {
                _logger.LogDebug(unreturned, "batch {Batch} left to the dispatcher", work.Id.GrainKey);
            }
        }
        finally
        {
            _held.TryRemove(work.Id.GrainKey, out _);
        }
    }

    /// <summary>
    /// Stores a computed result and reports the result that counts to its point. A store that is
    /// briefly unreachable (Redis restarting) is not the batch's fault, so delivery is retried
    /// rather than counted as a failed attempt; if it still fails, the lease goes back to the
    /// queue so that the batch is not left leased to a live silo that no longer works on it. A
    /// stored result that fails its checksum is never used: the point counts a failed attempt.
    /// </summary>
    private async Task Deliver(BatchWork work, BatchResult result)
    {
        TimeSpan delay = TimeSpan.FromMilliseconds(500);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                BatchResult counted = await SettleAsync(result);
                await BatchReport.SendAsync(_grains, counted, fromStore: false);
                return;
            }
            catch (StoredPayloadVersionException e)
            {
                _logger.LogError("batch {Batch}: {Error}", work.Id.GrainKey, e.Message);
                await ReportFailure(work, e.Message);
                return;
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested && _diskFull.Observe(e))
            {
                // Retrying cannot make room; the run stops with the cause (the computed result is
                // lost, the batch is computed again by the run that resumes).
                _logger.LogError("could not store batch {Batch}: the disk is full ({Error}); this silo stops taking work", work.Id.GrainKey, _diskFull.Cause);
                await ReturnLease(work);
                return;
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested && attempt < DeliveryAttempts)
            {
                _logger.LogWarning("could not store batch {Batch} (try {Try}): {Error}; retrying", work.Id.GrainKey, attempt, e.Message);
                await Task.Delay(delay, _stopping.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                _logger.LogWarning(e, "could not store batch {Batch}; returning it to the queue", work.Id.GrainKey);
                await ReturnLease(work);
                return;
            }
        }
    }

    /// <summary>
    /// The result that counts for the batch: this one once it is stored, or the one another
    /// attempt stored first (the same bits, since the sums are exact).
    /// </summary>
    private void AddStoreWrite(double seconds)
    {
        lock (_held)
        {
            _storeWrites++;
            _storeWriteSeconds += seconds;
        }
    }

    private async Task<BatchResult> SettleAsync(BatchResult result)
    {
        for (int round = 0; round < SettleRounds; round++)
        {
            long writing = System.Diagnostics.Stopwatch.GetTimestamp();
            bool inserted = await _store.TryInsertAsync(result);
            AddStoreWrite(System.Diagnostics.Stopwatch.GetElapsedTime(writing).TotalSeconds);
            if (inserted)
            {
                // One line per stored batch: with "computed batch", how operators and the
                // cluster tests count what was stored.
                _logger.LogInformation("stored batch {Batch}", result.Id.GrainKey);
                return result;
            }

            BatchResult? stored;
            try
            {
                stored = await _store.ReadAsync(result.Id);
            }
            catch (StoredPayloadCorruptException e)
            {
                // The damaged payload this batch was computed again for: the new result replaces it.
                _logger.LogWarning("batch {Batch}: {Error}; replacing it with the result computed again", result.Id.GrainKey, e.Message);
                await _store.EraseAsync(result.Id);
                continue;
            }

            if (stored is null)
            {
                // Erased between the insert and the read (its campaign was deleted): insert again.
                continue;
            }

            if (stored.Provenance.Settings == result.Provenance.Settings)
            {
                return stored;
            }

            // Left by a deleted campaign of the same name (a computation that finished after the
            // delete): its bits belong to other settings, so this result replaces it.
            _logger.LogWarning("batch {Batch} has a stored result of other settings; replacing it", result.Id.GrainKey);
            await _store.EraseAsync(result.Id);
        }

        throw new InvalidOperationException($"batch {result.Id.GrainKey} could not be stored in {SettleRounds} rounds of insert, read and erase");
    }

    private async Task ReportFailure(BatchWork work, string reason)
    {
        try
        {
            await BatchReport.SendFailureAsync(_grains, work, reason);
        }
        catch (Exception report) when (!_stopping.IsCancellationRequested)
        {
            _logger.LogWarning(report, "could not report the failure of batch {Batch}; returning it to the queue", work.Id.GrainKey);
            await ReturnLease(work);
        }
    }

    private async Task ReturnLease(BatchWork work)
    {
        try
        {
            await _grains.GetGrain<IDispatcherGrain>(0).Return(work.Id);
            // One line per batch handed back: how operators and the cluster tests see that a
            // stopping silo left its work to the others.
            _logger.LogInformation("returned batch {Batch} to the queue", work.Id.GrainKey);
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            // Left to the lease timeout and the point's re-dispatch.
            _logger.LogWarning(e, "could not return batch {Batch} to the dispatcher", work.Id.GrainKey);
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
