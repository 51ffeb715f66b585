using Sweep.Campaigns;
using Sweep.Client.Estimate;
using Sweep.Physics.Points;

namespace Sweep.Client.Tests.Estimate;

/// <summary>
/// The ETA's per-point prices: every point up to the size limit is priced, none above it, and
/// the prices follow what a realization costs (fifteen times the spins cost far more).
/// </summary>
public sealed class PointCalibrationTests
{
    [Fact]
    public void Every_point_up_to_the_limit_is_priced_and_the_prices_follow_the_cost()
    {
        CampaignSpec spec = CampaignSpecParser.Parse("""
            { "name": "cal", "seed": 3, "blocks": [
              { "d": 3, "alpha": [3, 10], "x": [0.001], "N": [40, 600], "Ns": 10, "observables": ["mag"] },
              { "d": 3, "alpha": [6], "x": [0.001], "N": [3000], "Ns": 10, "observables": ["mag"] } ] }
            """).GetSpecOrThrow();

        IReadOnlyDictionary<GridPoint, double> seconds = PointCalibration.Run(spec, largestN: 2000);

        Assert.Equal(4, seconds.Count);
        Assert.DoesNotContain(seconds.Keys, p => p.N == 3000);
        Assert.All(seconds.Values, s => Assert.True(s > 0 && double.IsFinite(s), $"{s} s"));
        foreach (double alpha in new[] { 3.0, 10.0 })
        {
            double small = seconds[new GridPoint(3, alpha, 0.001, 40)];
            double large = seconds[new GridPoint(3, alpha, 0.001, 600)];
            Assert.True(large > 5 * small, $"alpha {alpha}: N = 600 at {large * 1e3:F3} ms, N = 40 at {small * 1e3:F3} ms");
        }
    }
}
