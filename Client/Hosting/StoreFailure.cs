using System.Data.Common;
using Microsoft.Data.Sqlite;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;

using Sweep.Client.Cli;

namespace Sweep.Client.Hosting;

/// <summary>
/// The one place where a failure of the environment (the store, the disk, a directory) becomes
/// one line and an exit code. The exception may come straight from SQLite or the file system,
/// or wrapped by Orleans when a grain met it on the silo, so the whole chain is searched.
/// </summary>
internal static class StoreFailure
{
    /// <summary>SQLite's primary result codes (https://sqlite.org/rescode.html).</summary>
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>ENOSPC on Linux, as the low bits of an IOException's HResult.</summary>
    private const int NoSpace = 28;

    /// <summary>
    /// The exit code and the line for <paramref name="failure"/>, or null when it is not an
    /// environment failure (a bug, which keeps its stack trace).
    /// </summary>
    /// <param name="store">The store the command works on (sweep.db's path), named when the exception does not say.</param>
    public static (int ExitCode, string Line)? Describe(Exception failure, string? store)
    {
        ArgumentNullException.ThrowIfNull(failure);
        string where = store ?? "the store";
        foreach (Exception e in Chain(failure))
        {
            switch (e)
            {
                case EnvironmentException known:
                    return (known.ExitCode, known.Message);
                case StackExchange.Redis.RedisConnectionException { FailureType: StackExchange.Redis.ConnectionFailureType.AuthenticationFailure }:
                    return (ExitCodes.AuthenticationFailed, "Redis refused this client's password or user (check SWEEP_REDIS_PASSWORD, --redis-password-file, --redis-user)");
                case System.Security.Authentication.AuthenticationException tls:
                    return (ExitCodes.AuthenticationFailed, $"TLS failed: {tls.Message.TrimEnd('.')} (check --redis-ca, --redis-cert)");
                case StoredPayloadCorruptException corrupt when corrupt.Key?.StartsWith("campaign/", StringComparison.Ordinal) == true:
                    return (ExitCodes.StoreCorrupt, $"{where}: {corrupt.Message}; a campaign's record holds its spec and cannot be rebuilt from its batches (nothing in the store was changed)");
                case StoredPayloadCorruptException corrupt:
                    return (ExitCodes.StoreCorrupt, $"{where}: {corrupt.Message} (the store is damaged; nothing in it was changed)");
                case StoredPayloadVersionException newer:
                    return (ExitCodes.StoreUnusable, Named(where, newer.Message));
                case SqliteStorageSchemaException schema:
                    return (ExitCodes.StoreUnusable, Named(where, schema.Message));
                case SqliteException sqlite:
                    return FromSqlite(sqlite, where);
                case DbException db when db.Message.Contains("disk is full", StringComparison.OrdinalIgnoreCase):
                    return (ExitCodes.DiskFull, $"{where}: the disk is full ({db.Message})");
                case UnauthorizedAccessException denied:
                    return (ExitCodes.StoreUnusable, $"{denied.Message.TrimEnd('.')} (permission denied)");
                case IOException io when (io.HResult & 0xFFFF) == NoSpace:
                    return (ExitCodes.DiskFull, $"the disk is full: {io.Message.TrimEnd('.')}");
                case TimeoutException timeout when Mentions(timeout, "storage", "sqlite", "database"):
                    return (ExitCodes.StoreUnusable, $"{where}: storage timed out ({timeout.Message.TrimEnd('.')})");
                default:
                    // Orleans hands a grain's exception over whole when its type is known here;
                    // when it is not, only the type's name and message survive.
                    if (e.GetType().Name == "UnavailableExceptionFallbackException" && e.ToString().Contains(nameof(StoredPayloadCorruptException), StringComparison.Ordinal))
                    {
                        return (ExitCodes.StoreCorrupt, $"{where}: {e.Message}");
                    }

                    break;
            }
        }

        return null;
    }

    private static (int, string) FromSqlite(SqliteException e, string where)
    {
        string cause = e.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal).TrimEnd('.');
        return (e.SqliteErrorCode & 0xFF) switch
        {
            SqliteNotADatabase or SqliteCorrupt => (ExitCodes.StoreCorrupt, $"{where}: not a usable Sweep store, the file is damaged or is not a SQLite database ({cause})"),
            SqliteFull => (ExitCodes.DiskFull, $"{where}: the disk is full ({cause}); free space and run the same command again, nothing stored is lost"),
            SqliteReadOnly => (ExitCodes.StoreUnusable, $"{where}: the store is read-only and this command writes to it ({cause}); status, table and export still read it"),
            SqliteCannotOpen => (ExitCodes.StoreUnusable, $"{where}: cannot open the store (unreadable, or its directory is not writable) ({cause})"),
            SqliteBusy or SqliteLocked => (ExitCodes.StoreUnusable, $"{where}: the store stayed locked by another process ({cause})"),
            SqliteIoError => (ExitCodes.StoreUnusable, $"{where}: the store cannot be read or written ({cause})"),
            _ => (ExitCodes.StoreUnusable, $"{where}: {cause}"),
        };
    }

    /// <summary>The message, preceded by the path unless it already names it.</summary>
    private static string Named(string where, string message)
        => message.Contains(where, StringComparison.Ordinal) ? message.TrimEnd('.') : $"{where}: {message.TrimEnd('.')}";

    private static bool Mentions(Exception e, params string[] words)
        => words.Any(w => e.ToString().Contains(w, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        var pending = new Stack<Exception>();
        pending.Push(failure);
        while (pending.Count > 0)
        {
            Exception e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
