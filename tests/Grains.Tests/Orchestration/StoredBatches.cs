using Sweep.Grains.Storage;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>What the store file holds, read directly rather than through grains.</summary>
public static class StoredBatches
{
    /// <summary>Realization batches whose result is in the file (the batch grain writes only a finished result).</summary>
    public static int Count(string databasePath)
    {
        using var reader = SqliteStateReader.Open(databasePath);
        return reader.ReadAll().Count(r => r.StateName == "batch");
    }
}
