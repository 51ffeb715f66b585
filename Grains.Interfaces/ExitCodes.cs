namespace Sweep.Grains.Interfaces;

/// <summary>
/// The exit codes of the whole program, `sweep` and `sweep-silo` alike, so that a script or a
/// scheduler reads one table (README, "Exit codes"). A code keeps its meaning across commands
/// and releases: scripts branch on them.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done: the run finished with every point, or the command did what it was asked.</summary>
    public const int Done = 0;

    /// <summary>`run`: some points failed; `delete`: the deletion was not confirmed.</summary>
    public const int Failed = 1;

    /// <summary>
    /// A bad command line, spec, settings file or campaign name, or a file an option names (a
    /// password file, a certificate, key or CA) that is missing, unreadable or unusable.
    /// </summary>
    public const int Usage = 2;

    /// <summary>`run`: the campaign was cancelled.</summary>
    public const int Cancelled = 3;

    /// <summary>The cluster did not answer within --outage-seconds; `sweep-silo`: Redis unreachable at start.</summary>
    public const int ClusterUnavailable = 4;

    /// <summary>The store is corrupt: a stored payload fails its checksum, or sweep.db is not a SQLite database.</summary>
    public const int StoreCorrupt = 5;

    /// <summary>
    /// The store or a directory cannot be used as asked: unreadable, read-only where writing is
    /// needed, written by a newer Sweep, a 0-byte (truncated) sweep.db, a storage timeout, or
    /// --data / --out naming something that is not a usable directory.
    /// </summary>
    public const int StoreUnusable = 6;

    /// <summary>The disk holding the store or the output is full.</summary>
    public const int DiskFull = 7;

    /// <summary>
    /// The other side said no: Redis wants a password that was not given, refused the password
    /// or user, or TLS with it failed; or TLS between a client and the gateways failed (a
    /// certificate refused by either side, a client without TLS meeting silos with it). The same
    /// settings fail again, so nothing retries them.
    /// </summary>
    public const int AuthenticationFailed = 8;

    /// <summary>
    /// `verify`: a stored batch, intact by its checksum, computed again does not give its stored
    /// bits (the results are not re-proved: a different program version or a faulty machine).
    /// </summary>
    public const int NotReproduced = 9;

    /// <summary>Stopped by SIGHUP (128 + 1).</summary>
    public const int HangUp = 129;

    /// <summary>Stopped by Ctrl-C, SIGINT (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}
