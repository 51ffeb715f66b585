using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Sweep.Grains.Storage;

/// <summary>
/// Applies a provider's writes one transaction at a time, with every write that queued up
/// meanwhile in the same transaction (group commit): one fsync for the lot instead of one each.
/// </summary>
/// <remarks>
/// Concurrent writers on their own connections used to wait for SQLite's write lock in its busy
/// handler, which sleeps (1, 2, 5, ... 100 ms) on a thread-pool thread: when a campaign starts
/// hundreds of points, or many batches report at once, that stalled the silo's scheduler and left
/// compute slots idle. Here at most one thread-pool thread writes, and only while writes are
/// waiting. Writes are applied in the order they were queued, as if each had its own
/// transaction, and a write's task completes only once its transaction is committed.
/// </remarks>
internal sealed class SqliteWriteQueue
{
    // Bounds a transaction to a few MB (a batch's state is about 100 kB) and the latency a
    // write at the back of a long queue adds to the ones in front of it.
    private const int MaxWritesPerTransaction = 64;

    private readonly Func<SqliteConnection> _open;
    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private readonly Lock _connectionGate = new();
    private SqliteStatements? _statements;
    private int _draining;

    public SqliteWriteQueue(Func<SqliteConnection> open) => _open = open;

    private bool _closed;

    /// <summary>
    /// Closes the writing connection (the silo stops). A write queued later (a grain
    /// deactivating, a batch result stored while the silo drains) still lands, on a connection of
    /// its own that is closed again after its transaction.
    /// </summary>
    public void Close()
    {
        lock (_connectionGate)
        {
            _closed = true;
            _statements?.Dispose();
            _statements = null;
        }
    }

    /// <summary>
    /// Queues a write. <paramref name="apply"/> runs inside an open immediate transaction that
    /// other writes may share; it must change nothing before it throws
    /// <see cref="InconsistentStateException"/> (an etag mismatch fails that write alone). Any other
    /// exception rolls the shared transaction back, and its writes are then applied one by one.
    /// </summary>
    public Task<T> Enqueue<T>(Func<SqliteStatements, T> apply)
    {
        var write = new PendingWrite<T>(apply);
        _queue.Enqueue(write);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = Task.Run(Drain);
        }

        return write.Task;
    }

    private void Drain()
    {
        var group = new List<PendingWrite>(MaxWritesPerTransaction);
        while (true)
        {
            group.Clear();
            while (group.Count < MaxWritesPerTransaction && _queue.TryDequeue(out PendingWrite? write))
            {
                group.Add(write);
            }

            if (group.Count > 0)
            {
                Apply(group);
                continue;
            }

            Volatile.Write(ref _draining, 0);
            // A write queued after the last dequeue but before the reset saw a drainer running and
            // started none: take it on, unless another drainer has started since.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void Apply(List<PendingWrite> group)
    {
        try
        {
            // One connection for every transaction, with its statements prepared once: opening a
            // connection per transaction re-ran its pragmas and re-parsed every statement, about
            // 2,500 times per fig2bc-small campaign.
            lock (_connectionGate)
            {
                SqliteStatements statements = _statements ??= new SqliteStatements(_open());
                try
                {
                    statements.Begin();
                    foreach (PendingWrite write in group)
                    {
                        write.Run(statements);
                    }

                    statements.Commit();
                }
                catch
                {
                    // Whatever broke (a full disk, an I/O error) may have left the connection
                    // unusable: the next transaction starts on a fresh one.
                    statements.Dispose();
                    _statements = null;
                    throw;
                }

                if (_closed)
                {
                    statements.Dispose();
                    _statements = null;
                }
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            // Rolled back: none of these writes happened. One by one, a write that cannot be
            // applied (a full disk, a state too large) fails alone.
            foreach (PendingWrite write in group)
            {
                Apply([write]);
            }

            return;
        }
        catch (Exception e)
        {
            group[0].Fail(e);
            return;
        }

        foreach (PendingWrite write in group)
        {
            write.Complete();
        }
    }

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteStatements statements);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteStatements, T> apply) : PendingWrite
    {
        // Continuations must not run on the writing thread: they would hold up the next group.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private InconsistentStateException? _conflict;

        public Task<T> Task => _done.Task;

        public override void Run(SqliteStatements statements)
        {
            _conflict = null;
            try
            {
                _result = apply(statements);
            }
            catch (InconsistentStateException conflict)
            {
                _conflict = conflict;
            }
        }

        public override void Complete()
        {
            if (_conflict is not null)
            {
                _done.SetException(_conflict);
            }
            else
            {
                _done.SetResult(_result!);
            }
        }

        public override void Fail(Exception error) => _done.SetException(error);
    }
}
