using StackExchange.Redis;

namespace Sweep.CapacityBench;

/// <summary>
/// Deletes stored batch rows behind the run, every half second, so that Redis holds only the
/// last moments' results and a long run fits this machine's memory. The points have merged each
/// row before it is found here (a row is stored, then reported); a lease that comes back finds
/// no row and is computed again, as it would be after a real deletion. Its commands (SCAN,
/// UNLINK) are counted so they can be taken out of the orchestration's Redis figures.
/// </summary>
internal sealed class BatchCleaner(LocalRedis redis, string serviceId) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _deleted;
    private long _commands;

    public long Deleted => Interlocked.Read(ref _deleted);

    /// <summary>Redis commands the cleaner sent (SCAN pages and UNLINKs).</summary>
    public long Commands => Interlocked.Read(ref _commands);

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    private async Task LoopAsync(CancellationToken stop)
    {
        IDatabase db = redis.Admin.GetDatabase();
        string pattern = serviceId + "/state/realizationbatch/*";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var page = new List<RedisKey>();
                await foreach (RedisKey key in redis.Server.KeysAsync(pattern: pattern, pageSize: 1000).WithCancellation(stop))
                {
                    page.Add(key);
                    if (page.Count == 1000)
                    {
                        await UnlinkAsync(db, page);
                    }
                }

                Interlocked.Increment(ref _commands);
                await UnlinkAsync(db, page);
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // A Redis too busy to answer in time: the next round catches up.
                Console.Error.WriteLine($"cleaner: {e.Message}");
                await Task.Delay(500, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task UnlinkAsync(IDatabase db, List<RedisKey> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await db.ExecuteAsync("UNLINK", keys.Select(k => (object)k).ToArray());
        Interlocked.Add(ref _deleted, keys.Count);
        Interlocked.Increment(ref _commands);
        keys.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // A SCAN cancelled mid-page; thrown here, it would hide why the run is stopping.
            }
        }

        _stop.Dispose();
    }
}
