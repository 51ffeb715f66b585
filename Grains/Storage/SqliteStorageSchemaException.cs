namespace Sweep.Grains.Storage;

/// <summary>
/// The state file cannot be used by this build, typically because a newer build
/// upgraded its schema. Kept distinct so callers can tell it from I/O failures.
/// </summary>
public sealed class SqliteStorageSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SqliteStorageSchemaException(string message)
        : base(message)
    {
    }
}
