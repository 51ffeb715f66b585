using Microsoft.Data.Sqlite;
using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Storage;

/// <summary>
/// Batch results in the SQLite state file, in the rows the batch grain of older builds used
/// (state "batch", grain id "realizationbatch/..."), so results stored before are read in place.
/// Writes join the grain storage provider's write queue, one transaction for many.
/// </summary>
public sealed class SqliteBatchResultStore : IBatchResultStore
{
    // Inserts, or revives a tombstone left by the grain storage provider's clear; a live row wins.
    private const string InsertSql =
        $"""
        INSERT INTO {SqliteStorageSchema.StateTable}
            (state_name, grain_id, version, payload, created_utc, modified_utc)
        VALUES ($state, $grain, 1, $payload, $now, $now)
        ON CONFLICT (state_name, grain_id) DO UPDATE SET
            version = version + 1,
            payload = excluded.payload,
            created_utc = excluded.created_utc,
            modified_utc = excluded.modified_utc
        WHERE payload IS NULL;
        """;

    private const string DeleteSql =
        $"DELETE FROM {SqliteStorageSchema.StateTable} WHERE state_name = $state AND grain_id = $grain RETURNING payload IS NOT NULL;";

    private const string SelectSql =
        $"SELECT payload FROM {SqliteStorageSchema.StateTable} WHERE state_name = $state AND grain_id = $grain AND payload IS NOT NULL;";

    private readonly SqliteGrainStorage _file;
    private readonly BatchResultCodec _codec;

    public SqliteBatchResultStore(SqliteGrainStorage file, BatchResultCodec codec)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(codec);
        _file = file;
        _codec = codec;
    }

    /// <inheritdoc/>
    public Task<bool> TryInsertAsync(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string key = BatchKeys.Of(result.Id);
        // Encoded before queueing, so the writing thread holds the file only for I/O.
        byte[] payload = _codec.Encode(result);
        string now = SqliteGrainStorage.FormatTimestamp(DateTimeOffset.UtcNow);
        return _file.WriteAsync(
            statements =>
            {
                SqliteCommand insert = statements.Command(InsertSql);
                insert.Parameters.AddWithValue("$state", BatchKeys.StateName);
                insert.Parameters.AddWithValue("$grain", key);
                insert.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
                insert.Parameters.AddWithValue("$now", now);
                return insert.ExecuteNonQuery() == 1;
            },
            CancellationToken.None);
    }

    /// <inheritdoc/>
    public async Task<BatchResult?> ReadAsync(BatchId id)
    {
        string key = BatchKeys.Of(id);
        byte[]? payload = await _file.ReadAsync(
            connection =>
            {
                using SqliteCommand select = connection.CreateCommand();
                select.CommandText = SelectSql;
                select.Parameters.AddWithValue("$state", BatchKeys.StateName);
                select.Parameters.AddWithValue("$grain", key);
                return select.ExecuteScalar() as byte[];
            },
            CancellationToken.None).ConfigureAwait(false);
        return payload is null ? null : _codec.Decode(payload, BatchKeys.StateName + "/" + key);
    }

    /// <inheritdoc/>
    public Task<bool> EraseAsync(BatchId id)
    {
        string key = BatchKeys.Of(id);
        return _file.WriteAsync(
            statements =>
            {
                SqliteCommand delete = statements.Command(DeleteSql);
                delete.Parameters.AddWithValue("$state", BatchKeys.StateName);
                delete.Parameters.AddWithValue("$grain", key);
                using SqliteDataReader reader = delete.ExecuteReader();
                return reader.Read() && reader.GetBoolean(0);
            },
            CancellationToken.None);
    }
}
