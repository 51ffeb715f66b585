using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;
using Sweep.Physics.Time;

namespace Sweep.Client.Tests.Reports;

/// <summary>
/// Fig. 1 is drawn from the summary a point stores now, and from the full snapshot (every spin's
/// P_i) that older builds stored and users' stores still hold: the two must give the same figure,
/// pixel for pixel, or an old store's report would change when read by this build.
/// </summary>
public sealed class Fig1SummaryTests
{
    private static Serializer Codec { get; } = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(SpinSnapshotData).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Codec.Deserialize<T>(Codec.SerializeToArray(value))!;

    // The exact kernel (60, 700 spins) and the cell kernel (from CellSpinProductKernel.MinSpins).
    [Theory]
    [InlineData(60)]
    [InlineData(700)]
    [InlineData(8192)]
    public void Fig1FromAnOldFullSnapshotIsTheSamePngAsFromTheStoredSummary(int n)
    {
        var point = new GridPoint(3, 6, 1e-4, n);
        double[] t = TimeGrid.Create(3, 6, 40);
        SpinSnapshot s = SpinSnapshot.Compute(point, 5, t, TimeUnit.Common, SpinProductKernel.BestPath);
        // As an older build stored it, and as this build stores it, each read back through the codec.
        SpinSnapshotData full = RoundTrip(new SpinSnapshotData(s.R, s.Spins, s.T, s.Curves, s.HistogramTimes, s.AtHistogramTimes, s.NearestNeighbourCoupling));
        SpinSnapshotData summary = RoundTrip(SpinSnapshotData.From(SpinSnapshotSummary.Of(s)));
        Assert.False(full.IsSummary);
        Assert.True(summary.IsSummary);
        Assert.Empty(summary.AtHistogramTimes);
        Assert.Empty(summary.NearestNeighbourCoupling);
        Assert.Equal(n, full.N);
        Assert.Equal(n, summary.N);

        var key = new PointKey("fig1", 3, 6, 1e-4, n);
        var fromFull = new SnapshotPoint(key, full.Summary(), null);
        var fromSummary = new SnapshotPoint(key, summary.Summary(), null);
        foreach (Observable o in ObservableNames.All)
        {
            AssertSameFigure(Fig1Curves.Build(fromFull, o, "units of J_NN,inf"), Fig1Curves.Build(fromSummary, o, "units of J_NN,inf"));
            AssertSameFigure(Fig1Histograms.Build(fromFull, o, "units of J_NN,inf"), Fig1Histograms.Build(fromSummary, o, "units of J_NN,inf"));
        }

        // The histograms still count every spin, at each time.
        for (int h = 0; h < s.HistogramTimes.Length; h++)
        {
            Assert.Equal(n, summary.Summary().MagHistogram(h).ToArray().Sum());
            Assert.Equal(n, summary.Summary().PurHistogram(h).ToArray().Sum());
        }
    }

    [Fact]
    public void The_colour_scale_spans_every_spins_coupling_not_only_the_plotted_ones()
    {
        // 3 spins plotted of 5: the weakest (0.01) and strongest (100) are not among them.
        double[] nn = [0.01, 1, 2, 3, 100];
        double[] t = [1, 2];
        var s = SpinSnapshotSummary.Of(0, [1, 2, 3], t, new double[6], [1], new double[5], nn);
        Assert.Equal(0.01, s.WeakestCoupling);
        Assert.Equal(100, s.StrongestCoupling);
        Assert.Equal([1, 2, 3], s.SpinCouplings);
        var scale = new CouplingColorScale(s.WeakestCoupling, s.StrongestCoupling);
        Assert.Equal(-2, scale.GetRange().Min, 12);
        Assert.Equal(2, scale.GetRange().Max, 12);
    }

    private static void AssertSameFigure(Figure a, Figure b)
    {
        Assert.Equal(a.Stem, b.Stem);
        Assert.Equal(a.Title, b.Title);
        Assert.Equal(FigureWriter.Csv(a), FigureWriter.Csv(b));
        byte[] pa = Png(a);
        Assert.True(pa.AsSpan().SequenceEqual(Png(b)), $"{a.Stem}: the PNGs differ");
    }

    private static byte[] Png(Figure f)
    {
        string path = Path.Combine(Path.GetTempPath(), $"sweep-fig1-{Guid.NewGuid():N}.png");
        try
        {
            f.Plot.SavePng(path, f.Width, f.Height);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
