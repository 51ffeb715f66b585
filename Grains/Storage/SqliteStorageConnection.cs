using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sweep.Grains.Storage;

/// <summary>
/// Opens connections to the state file with the pragmas every user of it relies on.
/// </summary>
internal static class SqliteStorageConnection
{
    public static SqliteConnection OpenReadWrite(string databasePath, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        try
        {
            // synchronous is per connection and not persisted, so it has to be set on
            // every open; FULL makes WAL commits fsync so an acknowledged write survives power loss.
            Execute(connection, "PRAGMA synchronous=FULL;");
            SetBusyTimeout(connection, busyTimeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    public static SqliteConnection OpenReadOnly(string databasePath, TimeSpan busyTimeout)
    {
        if (!File.Exists(databasePath))
        {
            // ReadOnly mode would fail anyway; say so in terms a `sweep status` user understands.
            throw new FileNotFoundException($"No state store at '{databasePath}'.", databasePath);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            // A status reader is short-lived; pooling would only keep the file open after it is done.
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();

            // SQLite opens lazily: the first read is what needs the -shm file.
            Execute(connection, "SELECT count(*) FROM sqlite_master;");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == CannotOpen && !DirectoryWritable(databasePath))
        {
            // A WAL store is opened read-only only if SQLite can create its -shm file beside it;
            // in a read-only directory (a copied archive, a read-only mount) it cannot. Nothing
            // can write there either, so the file is read as immutable: without locks or the
            // -shm, and without a -wal left by a killed run (which a later run merges).
            connection.Dispose();
            builder.DataSource = new Uri(Path.GetFullPath(databasePath)).AbsoluteUri + "?immutable=1";
            connection = new SqliteConnection(builder.ToString());
            connection.Open();
        }

        try
        {
            SetBusyTimeout(connection, busyTimeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    private const int CannotOpen = 14;

    private static bool DirectoryWritable(string databasePath)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? ".";
        string probe = Path.Combine(directory, $".sweep-write-probe-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static void SetBusyTimeout(SqliteConnection connection, TimeSpan busyTimeout)
    {
        var milliseconds = (long)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        Execute(connection, "PRAGMA busy_timeout=" + milliseconds.ToString(CultureInfo.InvariantCulture) + ";");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
