using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sweep.Grains.Storage;

/// <summary>
/// Read-only view of a state store, usable without a silo and while a silo is writing to it.
/// </summary>
/// <remarks>
/// Cleared states are not listed. Each call is a single SELECT, which SQLite runs on one
/// snapshot, so rows stay consistent even while a run commits new states.
/// </remarks>
public sealed class SqliteStateReader : IDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteStateReader(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>
    /// Opens <paramref name="databasePath"/> read-only and checks that its schema is one this build understands.
    /// </summary>
    public static SqliteStateReader Open(string databasePath, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var connection = SqliteStorageConnection.OpenReadOnly(databasePath, busyTimeout ?? TimeSpan.FromSeconds(10));
        try
        {
            SqliteStorageSchema.EnsureReadable(connection, databasePath);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteStateReader(connection);
    }

    /// <summary>
    /// All live states, ordered by state name then grain id.
    /// </summary>
    public IReadOnlyList<StoredStateRow> ReadAll() => Query(grainIdPrefix: null);

    /// <summary>
    /// Live states whose grain id starts with <paramref name="grainIdPrefix"/>, e.g. <c>"simulation/"</c>
    /// for every grain of one grain type.
    /// </summary>
    public IReadOnlyList<StoredStateRow> ReadByGrainIdPrefix(string grainIdPrefix)
    {
        ArgumentNullException.ThrowIfNull(grainIdPrefix);
        return Query(grainIdPrefix);
    }

    /// <summary>The live state stored under exactly this state name and grain id, or null.</summary>
    public StoredStateRow? ReadOne(string stateName, string grainId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT state_name, grain_id, version, created_utc, modified_utc, payload
            FROM {SqliteStorageSchema.StateTable}
            WHERE state_name = $state AND grain_id = $grain AND payload IS NOT NULL;
            """;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    /// <summary>
    /// SQLite's own check of the whole file (b-trees, pages, indexes; PRAGMA integrity_check):
    /// the problems it reports, at most <paramref name="limit"/>, or none when the file is sound.
    /// </summary>
    public IReadOnlyList<string> IntegrityProblems(int limit = 20)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"PRAGMA integrity_check({limit});";
        var problems = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Add(line);
            }
        }

        return problems;
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private List<StoredStateRow> Query(string? grainIdPrefix)
    {
        using var command = _connection.CreateCommand();
        // substr instead of LIKE: grain keys may contain '%' or '_', and LIKE is case-insensitive.
        command.CommandText =
            $"""
            SELECT state_name, grain_id, version, created_utc, modified_utc, payload
            FROM {SqliteStorageSchema.StateTable}
            WHERE payload IS NOT NULL
              AND ($prefix IS NULL OR substr(grain_id, 1, length($prefix)) = $prefix)
            ORDER BY state_name, grain_id;
            """;
        command.Parameters.AddWithValue("$prefix", (object?)grainIdPrefix ?? DBNull.Value);

        var rows = new List<StoredStateRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(Row(reader));
        }

        return rows;
    }

    private static StoredStateRow Row(SqliteDataReader reader)
        => new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetInt64(2).ToString(CultureInfo.InvariantCulture),
            ParseTimestamp(reader.GetString(3)),
            ParseTimestamp(reader.GetString(4)),
            (byte[])reader.GetValue(5));

    private static DateTimeOffset ParseTimestamp(string text)
        => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
