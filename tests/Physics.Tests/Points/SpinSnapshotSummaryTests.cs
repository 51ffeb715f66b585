using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Points;

public class SpinSnapshotSummaryTests
{
    [Fact]
    public void Summary_keeps_the_plotted_curves_and_counts_every_spin_into_40_bins()
    {
        var point = new GridPoint(3, 6, 1e-3, 120);
        double[] t = TimeGrid.Create(3, 6, 40);
        SpinSnapshot full = SpinSnapshot.Compute(point, 7, t, TimeUnit.Common, KernelPath.Scalar);

        var s = SpinSnapshotSummary.Of(full);

        Assert.Equal(120, s.N);
        Assert.Same(full.Curves, s.Curves);
        Assert.Equal(full.Spins, s.Spins);
        Assert.Equal(full.Spins.Select(i => full.NearestNeighbourCoupling[i]), s.SpinCouplings);
        Assert.Equal(full.NearestNeighbourCoupling.Min(), s.WeakestCoupling);
        Assert.Equal(full.NearestNeighbourCoupling.Max(), s.StrongestCoupling);
        for (int h = 0; h < 3; h++)
        {
            double[] p = full.AtHistogramTimes.AsSpan(h * 120, 120).ToArray();
            int[] mag = s.MagHistogram(h).ToArray();
            int[] pur = s.PurHistogram(h).ToArray();
            Assert.Equal(120, mag.Sum());
            Assert.Equal(120, pur.Sum());
            for (int b = 0; b < SpinSnapshotSummary.Bins; b++)
            {
                // Bin b of [-1, 1] is [-1 + b / 20, -1 + (b + 1) / 20), the last one closed.
                Assert.Equal(p.Count(v => Math.Min((int)Math.Floor((v + 1) * 20), 39) == b), mag[b]);
                Assert.Equal(p.Count(v => Math.Min((int)Math.Floor(v * v * 40), 39) == b), pur[b]);
            }
        }
    }

    [Fact]
    public void One_counts_in_the_last_bin_and_values_outside_or_NaN_not_at_all()
    {
        var s = SpinSnapshotSummary.Of(0, [0], [1], [1], [1], [1, -1, double.NaN, 1.5, 0], [1, 1, 1, 1, 1]);

        int[] mag = s.MagHistogram(0).ToArray();
        Assert.Equal(1, mag[39]);
        Assert.Equal(1, mag[0]);
        Assert.Equal(1, mag[20]);
        Assert.Equal(3, mag.Sum());
        int[] pur = s.PurHistogram(0).ToArray();
        Assert.Equal(2, pur[39]);
        Assert.Equal(1, pur[0]);
        Assert.Equal(3, pur.Sum());
    }

    [Fact]
    public void Colour_scale_ends_are_the_weakest_and_strongest_positive_couplings_of_all_spins()
    {
        var s = SpinSnapshotSummary.Of(0, [1], [1], [1], [1], new double[4], [0, 0.5, 3, double.NaN]);
        Assert.Equal(0.5, s.WeakestCoupling);
        Assert.Equal(3, s.StrongestCoupling);
        Assert.Equal([0.5], s.SpinCouplings);

        var none = SpinSnapshotSummary.Of(0, [0], [1], [1], [1], new double[1], [0]);
        Assert.True(double.IsNaN(none.WeakestCoupling));
        Assert.True(double.IsNaN(none.StrongestCoupling));
    }

    [Fact]
    public void A_full_snapshot_of_the_wrong_length_is_refused()
        => Assert.Throws<ArgumentException>(() => SpinSnapshotSummary.Of(0, [0], [1], [1], [1, 3], new double[3], [1, 1]));
}
