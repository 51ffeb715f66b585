using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;
using Sweep.Grains.Tests.Orchestration;

namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// A store written before the versioned envelope (Fixtures/main-store: killed mid-campaign, two
/// points finished, one with stored batches not yet merged, five not started) opens read-only,
/// resumes, and finishes with every stored batch reused and the bits of a straight run.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class MainStoreFixtureTests : IDisposable
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "main-store");

    private readonly TempStore _store = new();

    public MainStoreFixtureTests()
    {
        // A copy: the run writes to the store, and the committed fixture must stay as it was made.
        File.Copy(Path.Combine(FixtureDirectory, "sweep.db"), _store.DatabasePath);
    }

    public void Dispose() => _store.Dispose();

    private static string Spec => File.ReadAllText(Path.Combine(FixtureDirectory, "spec.json"));

    [Fact]
    public void The_old_store_reads_as_format_1_without_a_silo()
    {
        using SweepStoreReader reader = SweepStoreReader.Open(_store.DatabasePath);
        Assert.Equal(["fixture"], reader.CampaignNames());
        Assert.NotNull(reader.Campaign("fixture")?.SpecJson);
        IReadOnlyDictionary<string, Points.PointState> points = reader.Points("fixture");
        Assert.Equal(StraightRun.Of(Spec).Points.Count, points.Count);
        Assert.Contains(points.Values, p => p.Result is not null);
        Assert.Contains(points.Values, p => p.Result is null);
        Assert.True(reader.StoredBatches("fixture") > 0);
        // Reading changes nothing: the file stays one that the build which wrote it can open.
        Assert.Equal("2", _store.Scalar("SELECT value FROM meta WHERE key = 'schema_version';"));
    }

    [Fact]
    public async Task The_old_store_resumes_reusing_every_stored_batch_and_ends_with_the_straight_runs_bits()
    {
        string spec = Spec;
        StraightRun expected = StraightRun.Of(spec);
        Dictionary<string, byte[]> before = BatchRows();
        Assert.NotEmpty(before);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        // Every old row decodes through the batch store, as the result of its own batch.
        var withSnapshot = new List<BatchResult>();
        foreach (string grainId in before.Keys)
        {
            BatchId id = ParseBatch(grainId);
            BatchResult? old = await cluster.Batches.ReadAsync(id);
            Assert.NotNull(old);
            Assert.Equal(id, old.Id);
            if (old.Snapshot is not null)
            {
                withSnapshot.Add(old);
            }
        }

        SubmitResult submitted = await cluster.SubmitAsync(spec);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("fixture");

        Assert.Equal(submitted.BatchesTotal, status.BatchesDone);
        Assert.Equal(submitted.BatchesTotal - before.Count, cluster.BatchesComputed);
        Dictionary<string, byte[]> after = BatchRows();
        Assert.Equal(submitted.BatchesTotal, after.Count);
        foreach ((string grainId, byte[] payload) in before)
        {
            // Reused in place: never recomputed, rewritten or re-encoded.
            Assert.True(payload.AsSpan().SequenceEqual(after[grainId]), $"{grainId} was rewritten");
        }

        Assert.Equal("3", _store.Scalar("SELECT value FROM meta WHERE key = 'schema_version';"));
        BitAssert.Results(expected, await cluster.Campaign("fixture").GetResults());
        BitAssert.Table(expected, await cluster.Campaign("fixture").GetTable());

        // Their full Fig. 1 snapshots (every spin's P_i) are served as summaries of the same bits.
        Assert.NotEmpty(withSnapshot);
        foreach (BatchResult old in withSnapshot)
        {
            Assert.False(old.Snapshot!.IsSummary);
            IGridPointGrain point = cluster.Client.GetGrain<IGridPointGrain>(old.Id.Point.GrainKey);
            SpinSnapshotData served = Assert.IsType<SpinSnapshotData>(await point.GetSnapshot());
            Assert.True(served.IsSummary);
            Assert.Empty(served.AtHistogramTimes);
            Assert.Null(Sweep.Grains.Batches.BatchBits.Difference(old, old with { Snapshot = served }));
            Assert.True(Assert.IsType<SpinSnapshotData>(Assert.IsType<PointResult>(await point.GetResult()).Snapshot).IsSummary);
        }
    }

    private Dictionary<string, byte[]> BatchRows()
    {
        using SqliteStateReader reader = SqliteStateReader.Open(_store.DatabasePath);
        return reader.ReadByGrainIdPrefix(GrainIds.BatchPrefix)
            .Where(r => r.StateName == "batch")
            .ToDictionary(r => r.GrainId, r => r.Payload.ToArray(), StringComparer.Ordinal);
    }

    // "realizationbatch/campaign/d/alpha/x/N/first+count", as the point names its batches.
    private static BatchId ParseBatch(string grainId)
    {
        string[] parts = grainId[GrainIds.BatchPrefix.Length..].Split('/');
        string[] range = parts[5].Split('+');
        var point = new PointKey(
            parts[0],
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture));
        var id = new BatchId(point, long.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(grainId, GrainIds.BatchPrefix + id.GrainKey);
        return id;
    }
}
