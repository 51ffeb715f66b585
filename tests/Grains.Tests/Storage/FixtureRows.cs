using Sweep.Grains.Storage;

namespace Sweep.Grains.Tests.Storage;

/// <summary>The stored rows of the fixture store written before the envelope (Fixtures/main-store).</summary>
public static class FixtureRows
{
    public static string DatabasePath { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "main-store", "sweep.db");

    /// <summary>Batch results as the batch grain of older builds stored them, by grain id.</summary>
    public static IReadOnlyList<StoredStateRow> Batches()
    {
        using SqliteStateReader reader = SqliteStateReader.Open(DatabasePath);
        return reader.ReadByGrainIdPrefix(GrainIds.BatchPrefix).Where(r => r.StateName == "batch").ToList();
    }
}
