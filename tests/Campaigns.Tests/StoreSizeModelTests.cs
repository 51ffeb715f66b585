namespace Sweep.Campaigns.Tests;

/// <summary>
/// The store size `sweep estimate` prints and `sweep run` checks the free space against: rows as
/// measured at T = 200 (docs/PERFORMANCE.md, "Fig. 1 snapshot size"), none growing with N since
/// the Fig. 1 snapshot is stored as its summary.
/// </summary>
public class StoreSizeModelTests
{
    [Fact]
    public void Rows_are_the_measured_sizes_in_whole_64_kB_pages()
    {
        // The summary measured 92,979 to 93,448 bytes from N = 1,300 to 10^6 (93,499 with synthetic values).
        Assert.InRange(StoreSizeModel.SnapshotBytes(200), 93_499, 96_000);
        // A finished point's row measured 102.5 kB; the first batch's (sums and snapshot) 202.4 kB.
        Assert.Equal(2 * 65_536, StoreSizeModel.PointBytes(200));
        Assert.Equal(4 * 65_536, StoreSizeModel.FirstBatchBytes(200));
        Assert.Equal(2 * 65_536, StoreSizeModel.BatchBytes(200));
    }

    [Fact]
    public void A_million_spins_take_no_more_store_than_a_hundred()
    {
        Assert.Equal(Bytes(100), Bytes(1_000_000));
        // One point of 3 batches: the first with the snapshot, two more, and the point's state.
        Assert.Equal((4 + 2 + 2 + 2) * 65_536.0, Bytes(100));
    }

    private static double Bytes(int n) => StoreSizeModel.Bytes(Specs.Parse($$"""
        { "name": "size", "seed": 1, "timePoints": 200, "batchSize": 4, "kernel": { "name": "accelerated", "tolerance": 1e-10, "version": 3 },
          "blocks": [ { "d": 3, "alpha": [6], "x": [0.0001], "N": [{{n}}], "Ns": 12, "observables": ["mag"] } ] }
        """));
}
