namespace Sweep.Grains.Storage.Payloads;

/// <summary>
/// A stored payload is intact but was written by a newer Sweep: an envelope format, a codec or a
/// state schema version this build does not know. Refused rather than guessed at.
/// </summary>
public sealed class StoredPayloadVersionException : Exception
{
    public StoredPayloadVersionException(string? key, string reason)
        : base($"stored payload {(key is null ? "" : $"'{key}' ")}was written by a newer Sweep: {reason}; use that build or a fresh store")
    {
        Key = key;
        Reason = reason;
    }

    /// <summary>The store key (state name and grain id), when the reader knows it.</summary>
    public string? Key { get; }

    /// <summary>What is too new, without the key.</summary>
    public string Reason { get; }

    /// <summary>The same refusal, naming the key the caller read.</summary>
    public StoredPayloadVersionException WithKey(string key) => new(key, Reason);
}
