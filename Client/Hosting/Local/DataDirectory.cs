using Sweep.Client.Cli;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;

namespace Sweep.Client.Hosting.Local;

/// <summary>
/// The local-mode data directory: `--data DIR`, else $SWEEP_DATA, else ./sweep-data. It holds
/// the SQLite store (sweep.db) and the lock that keeps a second `sweep run` out.
/// </summary>
internal sealed class DataDirectory
{
    public const string EnvironmentVariable = "SWEEP_DATA";
    public const string DefaultName = "sweep-data";

    private DataDirectory(string path) => Path = path;

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "sweep.db");

    public string LockPath => System.IO.Path.Combine(Path, "sweep.lock");

    public static DataDirectory Resolve(string? option)
    {
        string? chosen = option ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (chosen is not null && string.IsNullOrWhiteSpace(chosen))
        {
            throw UsageException.ForOption(option is null ? EnvironmentVariable : "--data", "is empty");
        }

        string path = System.IO.Path.GetFullPath(chosen ?? DefaultName);
        if (File.Exists(path))
        {
            throw new EnvironmentException(ExitCodes.StoreUnusable, $"data directory {path} ({(option is null ? EnvironmentVariable : "--data")}) is a file, not a directory");
        }

        return new DataDirectory(path);
    }

    /// <summary>True when the store exists (commands that only read must not create one).</summary>
    public bool HasStore => File.Exists(DatabasePath);

    /// <summary>
    /// Refuses a store that SQLite would open without complaint but that holds nothing Sweep
    /// wrote: a 0-byte sweep.db (truncated, or its disk was lost) opens as an empty database,
    /// and a run would silently start a new store over it.
    /// </summary>
    public void CheckStoreNotTruncated()
    {
        var file = new FileInfo(DatabasePath);
        if (file.Exists && file.Length == 0)
        {
            throw new EnvironmentException(
                ExitCodes.StoreUnusable,
                $"{DatabasePath}: the store is empty (0 bytes: truncated or damaged); restore it from a copy, or move it away to start a new store there");
        }
    }

    /// <summary>
    /// Refuses a sweep.db that is not a SQLite database at all (its first 16 bytes are SQLite's
    /// magic string), before a silo would fail on it with a trace.
    /// </summary>
    public void CheckStoreIsDatabase()
    {
        CheckStoreNotTruncated();
        if (!HasStore)
        {
            return;
        }

        byte[] header = new byte[16];
        int read;
        using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
        {
            throw new EnvironmentException(
                ExitCodes.StoreCorrupt,
                $"{DatabasePath}: not a usable Sweep store, the file is damaged or is not a SQLite database (it does not start with SQLite's header)");
        }
    }

    /// <summary>
    /// Refuses, before a silo starts on it, a store that cannot be written: SQLite would open a
    /// read-only file read-only without a word and fail at the first write, deep in a grain.
    /// Trying an open for writing also catches what permission bits do not (an immutable file,
    /// a read-only mount, even for root).
    /// </summary>
    public void CheckStoreWritable()
    {
        CheckStoreIsDatabase();
        if (!HasStore)
        {
            return;
        }

        try
        {
            using var probe = new FileStream(DatabasePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new EnvironmentException(
                ExitCodes.StoreUnusable,
                $"{DatabasePath}: the store is read-only ({e.Message.TrimEnd('.')}) and this command writes to it; status, table and export still read it",
                e);
        }

        try
        {
            // A store written by a newer Sweep is refused here, in one line, rather than by the
            // silo's storage at startup, which logs it with a trace.
            using SqliteStateReader reader = SqliteStateReader.Open(DatabasePath);
        }
        catch (SqliteStorageSchemaException e) when (e.Message.Contains("no meta table", StringComparison.Ordinal))
        {
            // Created by a run killed before its silo made the tables: that silo makes them now.
        }
    }


    /// <summary>The directory's lock, or null when another process holds it.</summary>
    public FileStream? TryLock()
    {
        try
        {
            return Lock();
        }
        catch (UsageException)
        {
            return null;
        }
        catch (EnvironmentException) when (File.Exists(LockPath))
        {
            // A read-only directory or lock file: the lock is an flock, which a read-only
            // handle can take too, so readers of a read-only store still learn whether a run holds it.
            try
            {
                return new FileStream(LockPath, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Takes the directory's exclusive lock for a run; fails at once, naming the directory, when
    /// another process holds it. The lock dies with the process, even on SIGKILL.
    /// </summary>
    public FileStream Lock()
    {
        try
        {
            Directory.CreateDirectory(Path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new EnvironmentException(ExitCodes.StoreUnusable, $"data directory {Path}: cannot be created ({e.Message.TrimEnd('.')})", e);
        }

        try
        {
            var stream = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(Environment.ProcessId);
            writer.Flush();
            return stream;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EnvironmentException(ExitCodes.StoreUnusable, $"data directory {Path}: is not writable, its lock {LockPath} cannot be taken ({e.Message.TrimEnd('.')})", e);
        }
        catch (IOException)
        {
            throw new UsageException(
                $"data directory {Path} is in use by another sweep process (lock {LockPath}): `sweep status` and `sweep cancel` reach a live run there; wait for it, stop it, or use --data with another directory");
        }
    }
}
