using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sweep.Grains.Storage;

/// <summary>
/// Layout of the state file and its version check.
/// </summary>
/// <remarks>
/// Cleared states stay as rows with a NULL payload (tombstones) so the version keeps
/// counting up per key: an etag handed out before a clear can never match again.
/// </remarks>
/// <para>
/// Version 2 keeps the states in an ordinary rowid table. Version 1 used a WITHOUT ROWID table,
/// which SQLite advises only for small rows: with 100 kB payloads every write read and rebalanced
/// the overflow pages inside the key's B-tree (6 times the page reads of a rowid table, twice the
/// CPU per write). A version-1 file is rebuilt into the version-2 layout when a silo opens it.
/// </para>
/// <para>
/// Version 3 has the layout of version 2; its payloads may be in the checksummed envelope
/// (<see cref="Payloads.StoredEnvelope"/>), which builds of version 2 cannot decode. The bump
/// makes them refuse the file as newer instead of failing on its payloads. Version-2 payloads
/// are read as they are, so opening a version-2 file only records the new version.
/// </para>
internal static class SqliteStorageSchema
{
    public const int CurrentVersion = 3;

    public const string StateTable = "grain_state";

    private const string SchemaVersionKey = "schema_version";

    /// <summary>
    /// Creates the tables if needed and refuses files written by a newer schema.
    /// Safe to run from several processes at once.
    /// </summary>
    public static void EnsureCreated(SqliteConnection connection, string databasePath)
    {
        // Only a file without tables takes a page size (an existing one keeps its own). States are
        // 1 to 300 kB, so large pages hold a batch's 100 kB result in two pages instead of 25
        // overflow pages: measured on 300 writes of 100 kB, 40% less CPU than 4 kB pages.
        using (var pageSize = connection.CreateCommand())
        {
            pageSize.CommandText = "PRAGMA page_size=65536;";
            pageSize.ExecuteNonQuery();
        }

        // journal_mode is stored in the file, but cannot change inside a transaction.
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = Convert.ToString(pragma.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new SqliteStorageSchemaException(
                    $"State store '{databasePath}' could not be switched to WAL journal mode (got '{mode}').");
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);");

        var existing = ReadVersion(connection, transaction, databasePath);
        if (existing is null)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO meta (key, value) VALUES ($key, $value);";
            insert.Parameters.AddWithValue("$key", SchemaVersionKey);
            insert.Parameters.AddWithValue("$value", CurrentVersion.ToString(CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }
        else
        {
            ThrowIfUnsupported(existing.Value, databasePath);
            if (existing.Value == 1)
            {
                UpgradeFromVersion1(connection, transaction);
            }
            else if (existing.Value < CurrentVersion)
            {
                Execute(connection, transaction, $"UPDATE meta SET value = '{CurrentVersion.ToString(CultureInfo.InvariantCulture)}' WHERE key = '{SchemaVersionKey}';");
            }
        }

        Execute(connection, transaction, StateTableDefinition(StateTable, ifNotExists: true));

        transaction.Commit();
    }

    /// <summary>
    /// For readers that must not write: fails unless the file carries a version this build understands.
    /// </summary>
    public static void EnsureReadable(SqliteConnection connection, string databasePath)
    {
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta';";
            if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                throw new SqliteStorageSchemaException(
                    $"'{databasePath}' is not a Sweep state store (no meta table); has a silo ever started on it?");
            }
        }

        var version = ReadVersion(connection, transaction: null, databasePath)
            ?? throw new SqliteStorageSchemaException($"State store '{databasePath}' has no schema_version.");
        ThrowIfUnsupported(version, databasePath);
    }

    // Every row moves as it is (versions, payloads, tombstones), in the same transaction as the
    // version bump, so a crash leaves either the old file or the new one.
    private static void UpgradeFromVersion1(SqliteConnection connection, SqliteTransaction transaction)
    {
        const string Columns = "state_name, grain_id, version, payload, created_utc, modified_utc";
        const string Rebuilt = StateTable + "_v2";
        Execute(connection, transaction, StateTableDefinition(Rebuilt, ifNotExists: false));
        Execute(connection, transaction, $"INSERT INTO {Rebuilt} ({Columns}) SELECT {Columns} FROM {StateTable};");
        Execute(connection, transaction, $"DROP TABLE {StateTable};");
        Execute(connection, transaction, $"ALTER TABLE {Rebuilt} RENAME TO {StateTable};");
        Execute(connection, transaction, $"UPDATE meta SET value = '{CurrentVersion.ToString(CultureInfo.InvariantCulture)}' WHERE key = '{SchemaVersionKey}';");
    }

    private static string StateTableDefinition(string table, bool ifNotExists)
        => $"""
            CREATE TABLE {(ifNotExists ? "IF NOT EXISTS " : string.Empty)}{table} (
                state_name   TEXT    NOT NULL,
                grain_id     TEXT    NOT NULL,
                version      INTEGER NOT NULL,
                payload      BLOB,
                created_utc  TEXT    NOT NULL,
                modified_utc TEXT    NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            );
            """;

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int? ReadVersion(SqliteConnection connection, SqliteTransaction? transaction, string databasePath)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT value FROM meta WHERE key = $key;";
        select.Parameters.AddWithValue("$key", SchemaVersionKey);
        var raw = select.ExecuteScalar();
        if (raw is null or DBNull)
        {
            return null;
        }

        var text = Convert.ToString(raw, CultureInfo.InvariantCulture);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new SqliteStorageSchemaException(
                $"State store '{databasePath}' has an unreadable schema_version '{text}'.");
        }

        return version;
    }

    private static void ThrowIfUnsupported(int version, string databasePath)
    {
        if (version > CurrentVersion)
        {
            throw new SqliteStorageSchemaException(
                $"State store '{databasePath}' has schema version {version}, but this build only knows " +
                $"versions up to {CurrentVersion}. It was written by a newer Sweep; use that build or a fresh store.");
        }

        if (version < 1)
        {
            throw new SqliteStorageSchemaException(
                $"State store '{databasePath}' has invalid schema version {version}.");
        }
    }
}
