using Microsoft.Data.Sqlite;

namespace Sweep.Grains.Storage;

/// <summary>
/// The write queue's connection, its open transaction, and its statements by SQL text, each
/// prepared by SQLite on first use and kept for the connection's lifetime. Used by one thread
/// at a time (the queue's drainer).
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public SqliteStatements(SqliteConnection connection) => _connection = connection;

    public void Begin() => _transaction = _connection.BeginTransaction(deferred: false);

    public void Commit()
    {
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    /// <summary>The statement for <paramref name="sql"/> in the open transaction, with no parameters bound yet.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out SqliteCommand? command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (SqliteCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        // Rolls back a transaction left open by a failure.
        _transaction?.Dispose();
        _transaction = null;
        _connection.Dispose();
    }
}
