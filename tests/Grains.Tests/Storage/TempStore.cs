using Microsoft.Data.Sqlite;

namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// A real state file in its own temp directory, removed when the test ends.
/// </summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sweep-store-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "state.db");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    /// <summary>A plain connection for checking what actually landed in the file.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Flips the lowest bit of one byte (counted from the end) of the row's payload, as a failing disk might.</summary>
    public void FlipBit(string stateName, int fromEnd, string? grainId = null)
    {
        using var connection = OpenRaw();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT payload FROM grain_state WHERE state_name = $state AND ($grain IS NULL OR grain_id = $grain);";
        select.Parameters.AddWithValue("$state", stateName);
        select.Parameters.AddWithValue("$grain", (object?)grainId ?? DBNull.Value);
        var payload = (byte[])select.ExecuteScalar()!;
        payload[^fromEnd] ^= 1;
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE grain_state SET payload = $payload WHERE state_name = $state AND ($grain IS NULL OR grain_id = $grain);";
        update.Parameters.AddWithValue("$state", stateName);
        update.Parameters.AddWithValue("$grain", (object?)grainId ?? DBNull.Value);
        update.Parameters.AddWithValue("$payload", payload);
        update.ExecuteNonQuery();
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the directory can go.
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Leaving a temp file behind must not fail the test that used it.
        }
    }
}
