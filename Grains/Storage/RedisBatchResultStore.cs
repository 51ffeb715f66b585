using System.Text;
using StackExchange.Redis;
using Sweep.Grains.Batches;
using Sweep.Grains.Cluster;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Storage;

/// <summary>
/// Batch results in Redis, under the keys and in the hash layout of Orleans' Redis grain storage
/// ("SERVICE/state/realizationbatch/POINT/FIRST+COUNT/batch", fields "etag" and "data"), so
/// results stored by the batch grain of older builds are read in place.
/// </summary>
public sealed class RedisBatchResultStore : IBatchResultStore, IAsyncDisposable
{
    // One round trip, atomic on the server: a key whose data is set (by any silo) wins.
    private const string InsertScript =
        """
        local data = redis.call('HGET', KEYS[1], 'data')
        if data and data ~= '' then
          return 0
        end
        redis.call('HSET', KEYS[1], 'etag', ARGV[1], 'data', ARGV[2])
        return 1
        """;

    private const string EraseScript =
        """
        local data = redis.call('HGET', KEYS[1], 'data')
        redis.call('DEL', KEYS[1])
        if data and data ~= '' then
          return 1
        end
        return 0
        """;

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly string _keyPrefix;
    private readonly BatchResultCodec _codec;

    public RedisBatchResultStore(RedisEndpoint redis, string serviceId, BatchResultCodec codec)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentNullException.ThrowIfNull(codec);
        _keyPrefix = serviceId + "/state/";
        _codec = codec;
        // Connects on first use; the multiplexer then reconnects by itself when Redis restarts.
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(redis.ToConfigurationOptions()));
    }

    /// <inheritdoc/>
    public async Task<bool> TryInsertAsync(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        byte[] payload = _codec.Encode(result);
        IDatabase db = await DatabaseAsync().ConfigureAwait(false);
        RedisResult inserted = await db.ScriptEvaluateAsync(
            InsertScript,
            [Key(result.Id)],
            [Guid.NewGuid().ToString("N"), payload]).ConfigureAwait(false);
        return (int)inserted == 1;
    }

    /// <inheritdoc/>
    public async Task<BatchResult?> ReadAsync(BatchId id)
    {
        IDatabase db = await DatabaseAsync().ConfigureAwait(false);
        RedisValue data = await db.HashGetAsync(Key(id), "data").ConfigureAwait(false);
        if (data.IsNullOrEmpty)
        {
            return null;
        }

        return _codec.Decode((ReadOnlyMemory<byte>)data, BatchKeys.StateName + "/" + BatchKeys.Of(id));
    }

    /// <inheritdoc/>
    public async Task<bool> EraseAsync(BatchId id)
    {
        IDatabase db = await DatabaseAsync().ConfigureAwait(false);
        RedisResult erased = await db.ScriptEvaluateAsync(EraseScript, [Key(id)]).ConfigureAwait(false);
        return (int)erased == 1;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            try
            {
                ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);
                await connection.CloseAsync().ConfigureAwait(false);
                connection.Dispose();
            }
            catch (RedisConnectionException)
            {
                // Never connected: nothing to close.
            }
        }
    }

    // Orleans' Redis grain storage names a state "SERVICE/state/GRAIN-ID/STATE-NAME".
    private RedisKey Key(BatchId id) => (RedisKey)Encoding.UTF8.GetBytes(_keyPrefix + BatchKeys.Of(id) + "/" + BatchKeys.StateName);

    private async Task<IDatabase> DatabaseAsync()
        => (await _connection.Value.ConfigureAwait(false)).GetDatabase();
}
