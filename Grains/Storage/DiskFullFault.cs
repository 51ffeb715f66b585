using Microsoft.Data.Sqlite;

namespace Sweep.Grains.Storage;

/// <summary>
/// The silo's record of a full disk under its store. Retrying a write on a full disk only fills
/// the log and holds leases, so the first write that meets one stops this silo's work: the
/// worker leases nothing more, the pool stops retrying, and the campaign's status carries the
/// cause, so that `sweep run` stops with one line and exit code 7 (what is stored stays; the same
/// command resumes once space is freed).
/// </summary>
public sealed class DiskFullFault
{
    /// <summary>SQLITE_FULL (https://sqlite.org/rescode.html).</summary>
    private const int SqliteFull = 13;

    /// <summary>ENOSPC on Linux, the low bits of an IOException's HResult.</summary>
    private const int NoSpace = 28;

    private const string SqliteFullText = "database or disk is full";

    private string? _cause;

    /// <summary>The first full-disk error seen, or null while the disk has room.</summary>
    public string? Cause => Volatile.Read(ref _cause);

    /// <summary>Records <paramref name="failure"/> if it (or an exception inside it) is a full disk; true when it is.</summary>
    public bool Observe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (Describe(failure) is not { } cause)
        {
            return false;
        }

        Interlocked.CompareExchange(ref _cause, cause, null);
        return true;
    }

    /// <summary>The cause when <paramref name="failure"/> is a full disk, else null.</summary>
    public static string? Describe(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) == SqliteFull:
                    return sqlite.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal).TrimEnd('.');
                case IOException io when (io.HResult & 0xFFFF) == NoSpace:
                    return io.Message.TrimEnd('.');
                default:
                    // Orleans may hand a grain's exception over as a fallback carrying only its text.
                    if (e.Message.Contains(SqliteFullText, StringComparison.OrdinalIgnoreCase))
                    {
                        return $"SQLite error 13: '{SqliteFullText}'";
                    }

                    break;
            }

            if (e is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions)
                {
                    if (Describe(inner) is { } cause)
                    {
                        return cause;
                    }
                }
            }
        }

        return null;
    }
}
