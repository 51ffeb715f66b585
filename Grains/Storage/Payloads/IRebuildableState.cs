namespace Sweep.Grains.Storage.Payloads;

/// <summary>
/// A grain state that can be rebuilt from other stored data (a grid point from its stored
/// batches), so a stored payload of it that fails its checksum is not fatal: the grain storage
/// hands the grain an empty state carrying the reason instead, and the grain rebuilds it. Never
/// used for what nothing else can restore (a campaign's spec), nor by read-only readers, which
/// report the corruption.
/// </summary>
public interface IRebuildableState
{
    /// <summary>Why the stored payload was replaced by an empty state (null: read as stored). In memory only, never stored.</summary>
    string? CorruptPayload { get; set; }
}
