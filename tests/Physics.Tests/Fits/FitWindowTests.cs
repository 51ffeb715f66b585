using Sweep.Physics.Fits;

namespace Sweep.Physics.Tests.Fits;

public class FitWindowTests
{
    private static double[] Times(int n) => Enumerable.Range(1, n).Select(i => (double)i).ToArray();

    [Fact]
    public void DefaultsAreTheSpecThresholds()
    {
        Assert.Equal(0.99, FitWindow.Default.Upper);
        Assert.Equal(0.01, FitWindow.Default.Lower);
        Assert.Equal(FitWindow.Default, new FitWindow());
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.4, 0.5)]
    [InlineData(1.01, 0.01)]
    [InlineData(0.99, 0.0)]
    [InlineData(double.NaN, 0.01)]
    [InlineData(0.99, double.NaN)]
    public void RejectsDisorderedThresholds(double upper, double lower) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitWindow(upper, lower));

    [Fact]
    public void UpperMayBeOne() => Assert.Equal(1.0, new FitWindow(1.0, 0.01).Upper);

    [Fact]
    public void BoundaryValuesFollowTheRule()
    {
        // 0.99 opens the window (<= Upper); 0.01 stays in (only f < Lower closes it); the
        // rebound after the first point below 0.01 does not reopen it.
        double[] f = [1.0, 0.995, 0.99, 0.5, 0.2, 0.05, 0.01, 0.005, 0.3, 0.2];
        var t = Times(f.Length);

        var range = StretchedExponentialFit.FindWindow(t, f, FitWindow.Default);

        Assert.Equal(new FitWindowRange(2, 6, 3.0, 7.0), range);
        Assert.Equal(5, range!.Count);
    }

    [Fact]
    public void RunsToTheEndWhenNothingFallsBelowLower()
    {
        double[] f = [1.0, 0.98, 0.5, 0.2, 0.05, 0.02];
        var range = StretchedExponentialFit.FindWindow(Times(f.Length), f, FitWindow.Default);
        Assert.Equal(new FitWindowRange(1, 5, 2.0, 6.0), range);
    }

    [Fact]
    public void EndsOnlyAtALaterPoint()
    {
        // The opening point is already below Lower: the window still holds it, alone.
        double[] f = [1.0, 0.005, 0.001];
        var range = StretchedExponentialFit.FindWindow(Times(f.Length), f, FitWindow.Default);
        Assert.Equal(new FitWindowRange(1, 1, 2.0, 2.0), range);
    }

    [Fact]
    public void NoWindowWhenTheCurveNeverDecays()
    {
        double[] f = [1.0, 0.999, 0.995];
        Assert.Null(StretchedExponentialFit.FindWindow(Times(f.Length), f, FitWindow.Default));
    }

    [Fact]
    public void NaNNeitherOpensNorClosesTheWindow()
    {
        double[] f = [double.NaN, 1.0, 0.9, double.NaN, 0.5, 0.001];
        var range = StretchedExponentialFit.FindWindow(Times(f.Length), f, FitWindow.Default);
        Assert.Equal(new FitWindowRange(2, 4, 3.0, 5.0), range);
    }

    [Fact]
    public void CustomThresholds()
    {
        double[] f = [1.0, 0.95, 0.9, 0.5, 0.2, 0.1, 0.05];
        var range = StretchedExponentialFit.FindWindow(Times(f.Length), f, new FitWindow(0.9, 0.1));
        Assert.Equal(new FitWindowRange(2, 5, 3.0, 6.0), range);
    }

    [Fact]
    public void RejectsABadGrid()
    {
        double[] f = [1.0, 0.5, 0.1];
        Assert.Throws<ArgumentException>(() => StretchedExponentialFit.FindWindow([1.0, 2.0], f, FitWindow.Default));
        Assert.Throws<ArgumentException>(() => StretchedExponentialFit.FindWindow([1.0, 1.0, 2.0], f, FitWindow.Default));
        Assert.Throws<ArgumentException>(() => StretchedExponentialFit.FindWindow([0.0, 1.0, 2.0], f, FitWindow.Default));
        Assert.Throws<ArgumentException>(() => StretchedExponentialFit.FindWindow([1.0, double.NaN, 2.0], f, FitWindow.Default));
    }
}
