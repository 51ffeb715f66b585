using Microsoft.Data.Sqlite;

namespace Sweep.Grains.Storage;

/// <summary>Deletes stored grain states outside a silo, in one transaction (for `sweep delete`).</summary>
public static class SqliteStateEraser
{
    /// <summary>Deletes the states with exactly these grain ids or ids starting with these prefixes; returns the row count.</summary>
    public static int Delete(string databasePath, IReadOnlyList<string> grainIds, IReadOnlyList<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(grainIds);
        ArgumentNullException.ThrowIfNull(prefixes);
        using SqliteConnection connection = SqliteStorageConnection.OpenReadWrite(databasePath, TimeSpan.FromSeconds(10));
        SqliteStorageSchema.EnsureReadable(connection, databasePath);
        using SqliteTransaction transaction = connection.BeginTransaction();
        int deleted = 0;
        foreach (string id in grainIds)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {SqliteStorageSchema.StateTable} WHERE grain_id = $id;";
            command.Parameters.AddWithValue("$id", id);
            deleted += command.ExecuteNonQuery();
        }

        foreach (string prefix in prefixes)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {SqliteStorageSchema.StateTable} WHERE substr(grain_id, 1, length($prefix)) = $prefix;";
            command.Parameters.AddWithValue("$prefix", prefix);
            deleted += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return deleted;
    }
}
