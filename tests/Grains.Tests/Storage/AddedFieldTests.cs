using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// A later build that adds a field to the stored batch header (a kernel version, say) still
/// reads every batch stored before it, with the new field at its default, and an older build
/// skips the field it does not know: stored batches are not invalidated either way.
/// </summary>
public sealed class AddedFieldTests
{
    private static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(AddedFieldTests).Assembly).AddAssembly(typeof(StoredBatchHeader).Assembly).AddAssembly(typeof(BatchId).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static StoredBatchHeader Header()
    {
        BatchResult result = StorageFactory.BatchCodec.Decode(FixtureRows.Batches()[0].Payload, "k")!;
        SumsData s = result.Sums;
        return new StoredBatchHeader(result.Id, result.Provenance, result.ComputeSeconds, result.Snapshot, s.TimePoints, s.BlockCounts, s.JnnSum, s.JnnSquareSum);
    }

    [Fact]
    public void A_header_stored_before_a_field_was_added_reads_with_the_field_at_its_default()
    {
        StoredBatchHeader stored = Header();

        LaterStoredBatchHeader? later = Serializer.Deserialize<LaterStoredBatchHeader>(Serializer.SerializeToArray(stored));

        Assert.NotNull(later);
        Assert.Equal(0, later.KernelVersion);
        Assert.Equal(stored.Id, later.Id);
        Assert.Equal(stored.Provenance, later.Provenance);
        Assert.Equal(stored.BlockCounts, later.BlockCounts);
    }

    [Fact]
    public void A_header_with_a_field_this_build_does_not_know_still_reads()
    {
        StoredBatchHeader h = Header();
        var later = new LaterStoredBatchHeader(h.Id, h.Provenance, h.ComputeSeconds, h.Snapshot, h.TimePoints, h.BlockCounts, h.JnnSum, h.JnnSquareSum, KernelVersion: 2);

        StoredBatchHeader? read = Serializer.Deserialize<StoredBatchHeader>(Serializer.SerializeToArray(later));

        Assert.NotNull(read);
        Assert.Equal(h.Id, read.Id);
        Assert.Equal(h.Provenance, read.Provenance);
        Assert.Equal(h.JnnSum, read.JnnSum);
    }
}

/// <summary><see cref="StoredBatchHeader"/> as a later build might extend it: the same fields, plus one.</summary>
[GenerateSerializer]
public sealed record LaterStoredBatchHeader(
    [property: Id(0)] BatchId Id,
    [property: Id(1)] Provenance Provenance,
    [property: Id(2)] double ComputeSeconds,
    [property: Id(3)] SpinSnapshotData? Snapshot,
    [property: Id(4)] int TimePoints,
    [property: Id(5)] long[] BlockCounts,
    [property: Id(6)] byte[] JnnSum,
    [property: Id(7)] byte[] JnnSquareSum,
    [property: Id(8)] int KernelVersion = 0);
