using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

public class SpinKernelChoiceTests
{
    [Fact]
    public void CodesAreCanonicalAndRoundTrip()
    {
        Assert.Equal("exact", SpinKernelChoice.Exact.Code);
        Assert.Equal("accelerated-v5:1E-10", SpinKernelChoice.Accelerated().Code);
        Assert.Equal("accelerated:2.5E-07", SpinKernelChoice.Accelerated(2.5e-7, 1).Code);
        Assert.Equal("accelerated-v2:2.5E-07", SpinKernelChoice.Accelerated(2.5e-7, 2).Code);
        Assert.Equal("accelerated-v3:2.5E-07", SpinKernelChoice.Accelerated(2.5e-7, 3).Code);
        Assert.Equal("accelerated-v4:2.5E-07", SpinKernelChoice.Accelerated(2.5e-7, 4).Code);
        Assert.Equal("accelerated-v5:2.5E-07", SpinKernelChoice.Accelerated(2.5e-7, 5).Code);
        foreach (var choice in new[] { SpinKernelChoice.Exact, SpinKernelChoice.Accelerated(), SpinKernelChoice.Accelerated(0.1 + 0.2), SpinKernelChoice.Accelerated(1e-10, 1), SpinKernelChoice.Accelerated(1e-10, 2), SpinKernelChoice.Accelerated(1e-10, 3), SpinKernelChoice.Accelerated(1e-10, 4) })
        {
            Assert.Equal(choice, SpinKernelChoice.ParseCode(choice.Code));
        }
    }

    [Theory]
    [InlineData("Exact")]
    [InlineData("accelerated")]
    [InlineData("accelerated:1e-10")]
    [InlineData("accelerated:0")]
    [InlineData("accelerated:-1E-10")]
    [InlineData("accelerated:NaN")]
    [InlineData("accelerated: 1E-10")]
    [InlineData("accelerated-v1:1E-10")]
    [InlineData("accelerated-v6:1E-10")]
    [InlineData("accelerated-v2:1e-10")]
    [InlineData("accelerated-v3:1e-10")]
    [InlineData("fast")]
    public void NonCanonicalCodesAreRefused(string code)
        => Assert.Throws<FormatException>(() => SpinKernelChoice.ParseCode(code));

    [Fact]
    public void EqualityComparesKindAndTolerance()
    {
        Assert.Equal(SpinKernelChoice.Accelerated(1e-10), SpinKernelChoice.Accelerated());
        Assert.NotEqual(SpinKernelChoice.Accelerated(1e-9), SpinKernelChoice.Accelerated());
        Assert.NotEqual(SpinKernelChoice.Exact, SpinKernelChoice.Accelerated());
        Assert.NotEqual(SpinKernelChoice.Accelerated(1e-10, 1), SpinKernelChoice.Accelerated(1e-10, 2));
        Assert.NotEqual(SpinKernelChoice.Accelerated(1e-10, 2), SpinKernelChoice.Accelerated(1e-10, 3));
        Assert.NotEqual(SpinKernelChoice.Accelerated(1e-10, 3), SpinKernelChoice.Accelerated(1e-10, 4));
        Assert.NotEqual(SpinKernelChoice.Accelerated(1e-10, 4), SpinKernelChoice.Accelerated(1e-10, 5));
        Assert.Throws<ArgumentOutOfRangeException>("version", () => SpinKernelChoice.Accelerated(1e-10, 6));
    }

    [Fact]
    public void TheCellKernelIsChosenByVersionAndSizeAlone()
    {
        var v1 = SpinKernelChoice.Accelerated(1e-10, 1);
        var v2 = SpinKernelChoice.Accelerated(1e-10, 2);
        Assert.False(v1.UsesCells(1_000_000));
        Assert.False(SpinKernelChoice.Exact.UsesCells(1_000_000));
        Assert.False(v2.UsesCells(CellSpinProductKernel.MinSpins - 1));
        Assert.True(v2.UsesCells(CellSpinProductKernel.MinSpins));
        var v3 = SpinKernelChoice.Accelerated(1e-10, 3);
        Assert.False(v3.UsesCells(CellSpinProductKernel.MinSpins - 1));
        Assert.True(v3.UsesCells(CellSpinProductKernel.MinSpins));
        var v4 = SpinKernelChoice.Accelerated(1e-10, 4);
        Assert.False(v4.UsesCells(CellSpinProductKernel.MinSpins - 1));
        Assert.True(v4.UsesCells(CellSpinProductKernel.MinSpins));
        var v5 = SpinKernelChoice.Accelerated(1e-10, 5);
        Assert.False(v5.UsesCells(CellSpinProductKernel.MinSpins - 1));
        Assert.True(v5.UsesCells(CellSpinProductKernel.MinSpins));
    }

    [Fact]
    public void VersionFiveDropsSeriesOrdersWithinTheBoundAndKeepsVersionFourBelowSeventeenSpins()
    {
        Assert.True(SpinKernelChoice.Accelerated(1e-10, 5).TruncatedSetUp);
        Assert.False(SpinKernelChoice.Accelerated(1e-10, 4).TruncatedSetUp);
        Assert.Equal(17, SpinKernelChoice.Accelerated(1e-10, 5).SeriesMinSpins);
        bool anyDiffers = false;
        foreach ((int d, int n, double alpha) in new[] { (1, 16, 6.0), (1, 17, 1.0), (1, 100, 10.0), (2, 200, 2.0), (3, 300, 3.0), (3, 500, 8.0) })
        {
            double[] positions = new TestRandom((ulong)(n + d)).CubePositions(n, d).Select(v => v * 0.5).ToArray();
            var couplings = CouplingMatrix.FromPositions(positions, d, alpha);
            // A grid wide enough that the set-up at its largest tau has near and far pairs of every size.
            double[] tau = Enumerable.Range(0, 40).Select(k => Math.Pow(10, -6 + (k * 0.3)) / Math.Max(1.0, couplings.NearestNeighbourCouplings.ToArray().Average())).ToArray();
            var (exactMag, exactPur) = Run(SpinProductKernel.Evaluate, couplings, tau);
            var (v4Mag, v4Pur) = Run((c, t, m, p) => SpinKernelChoice.Accelerated(1e-10, 4).Evaluate(c, t, m, p, [], [], SpinProductKernel.BestPath), couplings, tau);
            var (v5Mag, v5Pur) = Run((c, t, m, p) => SpinKernelChoice.Accelerated(1e-10, 5).Evaluate(c, t, m, p, [], [], SpinProductKernel.BestPath), couplings, tau);
            if (n < 17)
            {
                Assert.Equal(v4Mag, v5Mag);
                Assert.Equal(v4Pur, v5Pur);
            }

            anyDiffers |= !v4Mag.SequenceEqual(v5Mag) || !v4Pur.SequenceEqual(v5Pur);
            for (int k = 0; k < tau.Length; k++)
            {
                Assert.True(Math.Abs(v5Mag[k] - exactMag[k]) <= 1e-10 && Math.Abs(v5Pur[k] - exactPur[k]) <= 1e-10, $"d = {d}, N = {n}, tau = {tau[k]}: v5 ({v5Mag[k]}, {v5Pur[k]}), exact ({exactMag[k]}, {exactPur[k]})");
            }
        }

        // Dropping orders changes the last bits somewhere: otherwise version 5 would be version 4.
        Assert.True(anyDiffers);
    }

    [Fact]
    public void VersionFourTakesTheSeriesFromSeventeenSpinsAndEarlierVersionsFromSixtyFour()
    {
        Assert.Equal(AcceleratedSpinProductKernel.SeriesMinSpins, SpinKernelChoice.Accelerated(1e-10, 3).SeriesMinSpins);
        Assert.Equal(17, SpinKernelChoice.Accelerated(1e-10, 4).SeriesMinSpins);
        double[] tau = [1e-3, 0.7, 30.0, 1e4, 3e7];
        foreach (int n in new[] { 16, 17, 40, 63 })
        {
            var couplings = CouplingMatrix.FromPositions(new TestRandom((ulong)n).CubePositions(n, 1), 1, 6.0);
            var (exactMag, exactPur) = Run(SpinProductKernel.Evaluate, couplings, tau);
            var (seriesMag, seriesPur) = Run((c, t, m, p) => AcceleratedSpinProductKernel.EvaluateBySeries(c, t, m, p, [], [], 1e-10, SpinProductKernel.BestPath), couplings, tau);
            var (v3Mag, v3Pur) = Run((c, t, m, p) => SpinKernelChoice.Accelerated(1e-10, 3).Evaluate(c, t, m, p, [], [], SpinProductKernel.BestPath), couplings, tau);
            var (v4Mag, v4Pur) = Run((c, t, m, p) => SpinKernelChoice.Accelerated(1e-10, 4).Evaluate(c, t, m, p, [], [], SpinProductKernel.BestPath), couplings, tau);
            Assert.Equal(exactMag, v3Mag);
            Assert.Equal(exactPur, v3Pur);
            Assert.Equal(n < 17 ? exactMag : seriesMag, v4Mag);
            Assert.Equal(n < 17 ? exactPur : seriesPur, v4Pur);
            for (int k = 0; k < tau.Length; k++)
            {
                Assert.True(Math.Abs(v4Mag[k] - exactMag[k]) <= 1e-10 && Math.Abs(v4Pur[k] - exactPur[k]) <= 1e-10, $"N = {n}, tau = {tau[k]}: v4 ({v4Mag[k]}, {v4Pur[k]}), exact ({exactMag[k]}, {exactPur[k]})");
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void VersionsTwoToFourBelowTheCellSizeGiveVersionOnesBitsFromSixtyFourSpins(int version)
    {
        double[] positions = new TestRandom(8).CubePositions(300, 3).Select(v => v * 0.5).ToArray();
        var couplings = CouplingMatrix.FromPositions(positions, 3, 6.0);
        double[] tau = [1e-3, 1.0, 30.0, 1e4];
        var one = (Mag: new double[4], Pur: new double[4]);
        var two = (Mag: new double[4], Pur: new double[4]);
        SpinKernelChoice.Accelerated(1e-10, 1).Evaluate(couplings, tau, one.Mag, one.Pur, [], [], SpinProductKernel.BestPath);
        SpinKernelChoice.Accelerated(1e-10, version).EvaluatePositions(positions, 3, 6.0, tau, two.Mag, two.Pur, [], [], SpinProductKernel.BestPath);
        Assert.Equal(one.Mag, two.Mag);
        Assert.Equal(one.Pur, two.Pur);
    }

    [Fact]
    public void EvaluateRunsTheChosenKernel()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(5).CubePositions(40, 3), 3, 6.0);
        double[] tau = [1e-3, 1.0, 30.0];
        var (exactMag, _) = Run(SpinProductKernel.Evaluate, couplings, tau);
        var (accMag, _) = Run((c, t, m, p) => AcceleratedSpinProductKernel.Evaluate(c, t, m, p, 1e-10), couplings, tau);
        var (chosenExact, _) = Run((c, t, m, p) => SpinKernelChoice.Exact.Evaluate(c, t, m, p, [], [], SpinProductKernel.BestPath), couplings, tau);
        var (chosenAcc, _) = Run((c, t, m, p) => SpinKernelChoice.Accelerated(1e-10, 3).Evaluate(c, t, m, p, [], [], SpinProductKernel.BestPath), couplings, tau);
        Assert.Equal(exactMag, chosenExact);
        Assert.Equal(accMag, chosenAcc);
    }

    private delegate void Kernel(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur);

    private static (double[] Mag, double[] Pur) Run(Kernel kernel, CouplingMatrix couplings, double[] tau)
    {
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        kernel(couplings, tau, mag, pur);
        return (mag, pur);
    }
}
