using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Storage;

/// <summary>
/// Grain storage keeping every grain's state in one SQLite file, with integer-version etags.
/// </summary>
/// <remarks>
/// Etag rules: a null etag means "I believe no state exists"; it may create a record (or a
/// record after a clear) but not overwrite or clear a live one. Any other etag must equal the
/// stored version. After a clear, <see cref="IGrainState{T}.ETag"/> is null and
/// <see cref="IGrainState{T}.RecordExists"/> is false, as with Orleans' own providers.
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    // The etag check of a write needs the version and whether a live record exists, not the
    // payload (typeof reads only the record header): reading a point's 100 kB state back before
    // every flush showed in profiles.
    private const string SelectVersionSql =
        $"SELECT version, typeof(payload) <> 'null' FROM {SqliteStorageSchema.StateTable} WHERE state_name = $state AND grain_id = $grain;";

    // A record re-created after a clear gets a fresh created_utc; a plain update keeps it.
    private const string UpsertSql =
        $"""
        INSERT INTO {SqliteStorageSchema.StateTable}
            (state_name, grain_id, version, payload, created_utc, modified_utc)
        VALUES ($state, $grain, $version, $payload, $now, $now)
        ON CONFLICT (state_name, grain_id) DO UPDATE SET
            version = excluded.version,
            payload = excluded.payload,
            created_utc = CASE WHEN payload IS NULL THEN excluded.created_utc ELSE created_utc END,
            modified_utc = excluded.modified_utc;
        """;

    private const string TombstoneSql =
        $"""
        UPDATE {SqliteStorageSchema.StateTable}
        SET version = version + 1, payload = NULL, modified_utc = $now
        WHERE state_name = $state AND grain_id = $grain;
        """;

    private const int MaxPooledBufferBytes = 16 << 20;

    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly SqliteWriteQueue _writes;
    private readonly System.Collections.Concurrent.ConcurrentBag<MemoryStream> _buffers = new();
    private volatile bool _initialized;

    /// <summary>
    /// Creates the provider. <paramref name="options"/> must already carry a serializer;
    /// the silo registration fills it from DI.
    /// </summary>
    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ArgumentException(
                $"{nameof(SqliteGrainStorageOptions)}.{nameof(SqliteGrainStorageOptions.DatabasePath)} is required for storage '{name}'.",
                nameof(options));
        }

        _name = name;
        _options = options;
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"No grain storage serializer configured for storage '{name}'.", nameof(options));
        _activatorProvider = activatorProvider;
        _logger = logger;
        _writes = new SqliteWriteQueue(Open);
    }

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle)
    {
        // Creating the schema at startup makes a bad path or a too-new file stop the silo,
        // instead of failing the first grain activation that happens to need state.
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{_name}",
            ServiceLifecycleStage.ApplicationServices,
            EnsureInitializedAsync,
            _ =>
            {
                // Lets go of the file; a write after this still lands on a short-lived connection.
                _writes.Close();
                return Task.CompletedTask;
            });
    }

    /// <summary>
    /// Creates the file and schema if needed. Called at silo start, and lazily before
    /// the first operation so the provider also works outside a silo.
    /// </summary>
    public async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await Task.Run(
                () =>
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
                    if (!string.IsNullOrEmpty(directory))
                    {
                        Directory.CreateDirectory(directory);
                    }

                    using var connection = Open();
                    SqliteStorageSchema.EnsureCreated(connection, _options.DatabasePath);
                },
                cancellationToken).ConfigureAwait(false);
            _initialized = true;
            LogInitialized(_name, _options.DatabasePath);
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var key = grainId.ToString();
        var row = await RunAsync(connection => SelectRow(connection, null, stateName, key), cancellationToken).ConfigureAwait(false);

        if (row is { Payload: { } payload })
        {
            var state = Deserialize<T>(payload, stateName + "/" + key);
            grainState.State = state ?? CreateInstance<T>();
            grainState.ETag = FormatEtag(row.Value.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var key = grainId.ToString();
        var expectedEtag = grainState.ETag;
        // Serialize before touching the database so the write lock is held only for I/O.
        var payload = SerializePayload(grainState.State);

        cancellationToken.ThrowIfCancellationRequested();
        var newVersion = await _writes.Enqueue(
            statements =>
            {
                var row = SelectVersion(statements, stateName, key);
                ThrowIfEtagMismatch(row, expectedEtag, stateName, key, "write");

                var version = (row?.Version ?? 0) + 1;
                var upsert = statements.Command(UpsertSql);
                upsert.Parameters.AddWithValue("$state", stateName);
                upsert.Parameters.AddWithValue("$grain", key);
                upsert.Parameters.AddWithValue("$version", version);
                upsert.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
                upsert.Parameters.AddWithValue("$now", FormatTimestamp(DateTimeOffset.UtcNow));
                upsert.ExecuteNonQuery();
                return version;
            }).ConfigureAwait(false);

        grainState.ETag = FormatEtag(newVersion);
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var key = grainId.ToString();
        var expectedEtag = grainState.ETag;

        cancellationToken.ThrowIfCancellationRequested();
        await _writes.Enqueue(
            statements =>
            {
                var row = SelectVersion(statements, stateName, key);
                ThrowIfEtagMismatch(row, expectedEtag, stateName, key, "clear");
                if (row is not { Live: true })
                {
                    return 0;
                }

                var tombstone = statements.Command(TombstoneSql);
                tombstone.Parameters.AddWithValue("$state", stateName);
                tombstone.Parameters.AddWithValue("$grain", key);
                tombstone.Parameters.AddWithValue("$now", FormatTimestamp(DateTimeOffset.UtcNow));
                tombstone.ExecuteNonQuery();
                return 0;
            }).ConfigureAwait(false);

        grainState.State = CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a read connection, off the silo's scheduler (for the
    /// batch store, which shares this file).
    /// </summary>
    internal async Task<TResult> ReadAsync<TResult>(Func<SqliteConnection, TResult> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await RunAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues <paramref name="apply"/> with this provider's writes, so the batch store's writes
    /// share their transactions (and fsyncs) with the states'.
    /// </summary>
    internal async Task<TResult> WriteAsync<TResult>(Func<SqliteStatements, TResult> apply, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _writes.Enqueue(apply).ConfigureAwait(false);
    }

    internal static string FormatTimestamp(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private void ThrowIfEtagMismatch(StoredEtag? row, string? expectedEtag, string stateName, string key, string operation)
    {
        var storedEtag = row is { Live: true } live ? FormatEtag(live.Version) : null;
        if (string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
        {
            return;
        }

        LogEtagMismatch(_name, operation, stateName, key, storedEtag, expectedEtag);
        throw new InconsistentStateException(
            $"Etag mismatch on {operation} of state '{stateName}' for grain '{key}' in SQLite storage '{_name}': " +
            $"stored {storedEtag ?? "null"}, caller had {expectedEtag ?? "null"}.",
            storedEtag,
            expectedEtag);
    }

    private static StoredVersion? SelectRow(SqliteConnection connection, SqliteTransaction? transaction, string stateName, string key)
    {
        using var select = SelectCommand(connection, transaction, "version, payload", stateName, key);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var payload = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
        return new StoredVersion(reader.GetInt64(0), payload);
    }

    private static SqliteCommand SelectCommand(SqliteConnection connection, SqliteTransaction? transaction, string columns, string stateName, string key)
    {
        var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {columns} FROM {SqliteStorageSchema.StateTable} WHERE state_name = $state AND grain_id = $grain;";
        select.Parameters.AddWithValue("$state", stateName);
        select.Parameters.AddWithValue("$grain", key);
        return select;
    }

    private static StoredEtag? SelectVersion(SqliteStatements statements, string stateName, string key)
    {
        var select = statements.Command(SelectVersionSql);
        select.Parameters.AddWithValue("$state", stateName);
        select.Parameters.AddWithValue("$grain", key);
        using var reader = select.ExecuteReader();
        return reader.Read() ? new StoredEtag(reader.GetInt64(0), reader.GetBoolean(1)) : null;
    }

    private Task<TResult> RunAsync<TResult>(Func<SqliteConnection, TResult> work, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite's async methods complete synchronously: running on the pool keeps
        // the file's I/O off the silo's grain scheduler threads. Reads only; writes queue up in
        // _writes.
        return Task.Run(
            () =>
            {
                using var connection = Open();
                return work(connection);
            },
            cancellationToken);
    }

    /// <summary>
    /// The state's bytes in an array of their exact length, which is what SQLite binds. The
    /// serializer writes into a reused buffer: its own path grows a fresh buffer by doubling and
    /// then copies it out, about three times a state's size in garbage (some 100 kB per batch).
    /// </summary>
    private byte[] SerializePayload<T>(T state)
    {
        if (_serializer is not IGrainStorageStreamingSerializer streaming)
        {
            return _serializer.Serialize(state).ToArray();
        }

        MemoryStream buffer = _buffers.TryTake(out MemoryStream? reused) ? reused : new MemoryStream();
        try
        {
            ValueTask written = streaming.SerializeAsync(state, buffer);
            if (!written.IsCompletedSuccessfully)
            {
                written.AsTask().GetAwaiter().GetResult();
            }

            return buffer.ToArray();
        }
        finally
        {
            buffer.SetLength(0);
            // Kept for the next write unless an unusually large state made it huge.
            if (buffer.Capacity <= MaxPooledBufferBytes)
            {
                _buffers.Add(buffer);
            }
        }
    }

    // Names the row in the errors of a damaged or too new payload.
    private T? Deserialize<T>(byte[] payload, string key)
    {
        try
        {
            return _serializer is EnvelopedStateSerializer enveloped
                ? enveloped.ReadOrRebuild<T>(payload, key)
                : _serializer.Deserialize<T>(new BinaryData(payload));
        }
        catch (StoredPayloadCorruptException e) when (e.Key is null)
        {
            throw e.WithKey(key);
        }
        catch (StoredPayloadVersionException e) when (e.Key is null)
        {
            throw e.WithKey(key);
        }
    }

    private SqliteConnection Open() => SqliteStorageConnection.OpenReadWrite(_options.DatabasePath, _options.BusyTimeout);

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    private readonly record struct StoredVersion(long Version, byte[]? Payload);

    private readonly record struct StoredEtag(long Version, bool Live);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage {Name} ready at {Path}")]
    private partial void LogInitialized(string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage {Name}: etag mismatch on {Operation} of {StateName}/{GrainId}: stored {Stored}, caller had {Expected}")]
    private partial void LogEtagMismatch(string name, string operation, string stateName, string grainId, string? stored, string? expected);
}
