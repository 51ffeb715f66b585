using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Batches;

/// <summary>
/// Where a batch result is stored: the state name and grain id of the batch grain that stored
/// results before the batch store existed, so results stored by older builds are found in place.
/// </summary>
public static class BatchKeys
{
    /// <summary>State name of stored batch results.</summary>
    public const string StateName = "batch";

    /// <summary>"realizationbatch/point-key/first+count".</summary>
    public static string Of(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return GrainIds.BatchPrefix + id.GrainKey;
    }
}
