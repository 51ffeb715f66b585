namespace Sweep.Grains.Storage.Payloads;

/// <summary>
/// A stored payload failed its checksum or does not decode: its bytes are not what was written,
/// so it must never be used. Kept distinct from I/O and version errors so a caller can decide
/// to recompute, report or verify.
/// </summary>
public sealed class StoredPayloadCorruptException : Exception
{
    public StoredPayloadCorruptException(string? key, string reason, Exception? inner = null)
        : base($"stored payload {(key is null ? "" : $"'{key}' ")}is corrupt: {reason}", inner)
    {
        Key = key;
        Reason = reason;
    }

    /// <summary>The store key (state name and grain id), when the reader knows it.</summary>
    public string? Key { get; }

    /// <summary>What did not match, without the key.</summary>
    public string Reason { get; }

    /// <summary>The same failure, naming the key the caller read.</summary>
    public StoredPayloadCorruptException WithKey(string key) => new(key, Reason, InnerException);
}
