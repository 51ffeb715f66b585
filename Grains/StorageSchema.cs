namespace Sweep.Grains;

/// <summary>Version of the stored grain states and the storage provider name they use.</summary>
public static class StorageSchema
{
    /// <summary>Bumped whenever a stored state or the realization seeding changes meaning.</summary>
    public const int Version = 1;

    /// <summary>The grain-storage provider every Sweep grain persists to.</summary>
    public const string Provider = "sweep";
}
