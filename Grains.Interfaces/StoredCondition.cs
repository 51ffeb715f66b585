namespace Sweep.Grains.Interfaces;

/// <summary>What `sweep verify` found stored for one batch.</summary>
public enum StoredCondition
{
    /// <summary>Stored, checksum and layout intact, computed with the point's settings.</summary>
    Intact = 0,

    /// <summary>No result stored (normal for a batch not computed yet).</summary>
    Missing = 1,

    /// <summary>Stored, but its payload fails its checksum or does not decode: never used.</summary>
    Corrupt = 2,

    /// <summary>Stored intact, but computed with other settings (left by a deleted campaign of the same name): never merged.</summary>
    OtherSettings = 3,
}
