using Sweep.Client.Cli;

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

        return new DataDirectory(System.IO.Path.GetFullPath(chosen ?? DefaultName));
    }

    /// <summary>True when the store exists (commands that only read must not create one).</summary>
    public bool HasStore => File.Exists(DatabasePath);


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
    }

    /// <summary>
    /// Takes the directory's exclusive lock for a run; fails at once, naming the directory, when
    /// another process holds it. The lock dies with the process, even on SIGKILL.
    /// </summary>
    public FileStream Lock()
    {
        Directory.CreateDirectory(Path);
        try
        {
            var stream = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(Environment.ProcessId);
            writer.Flush();
            return stream;
        }
        catch (IOException)
        {
            throw new UsageException(
                $"data directory {Path} is in use by another sweep process (lock {LockPath}): `sweep status` and `sweep cancel` reach a live run there; wait for it, stop it, or use --data with another directory");
        }
    }
}
