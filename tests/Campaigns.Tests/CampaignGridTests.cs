using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns.Tests;

public class CampaignGridTests
{
    [Fact]
    public void PointInTwoBlocksGetsLargerNsAndBothObservables()
    {
        CampaignSpec spec = Specs.Parse("""
            {
              "name": "g", "seed": 1,
              "blocks": [
                { "d": 1, "alpha": [1], "x": [0.01], "N": [8, 16], "Ns": 100, "observables": ["mag"] },
                { "d": 1, "alpha": [1], "x": [0.01], "N": [16, 32], "Ns": 300, "observables": ["pur"] },
                { "d": 1, "alpha": [1], "x": [0.01], "N": [8], "Ns": 50, "observables": ["mag"] }
              ]
            }
            """);

        IReadOnlyList<CampaignPoint> points = CampaignGrid.Expand(spec);

        Assert.Equal(
            [
                new CampaignPoint(new GridPoint(1, 1, 0.01, 8), 100, [Observable.Mag]),
                new CampaignPoint(new GridPoint(1, 1, 0.01, 16), 300, [Observable.Mag, Observable.Pur]),
                new CampaignPoint(new GridPoint(1, 1, 0.01, 32), 300, [Observable.Pur]),
            ],
            points);
    }

    [Fact]
    public void PointsAreSortedByDAlphaXN()
    {
        CampaignSpec spec = Specs.Parse("""
            {
              "name": "g", "seed": 1,
              "blocks": [
                { "d": 2, "alpha": [4, 2], "x": [0.01, 0.001], "N": [64, 16], "Ns": 1, "observables": ["mag"] },
                { "d": 1, "alpha": [3], "x": [0.5], "N": [4], "Ns": 1, "observables": ["mag"] }
              ]
            }
            """);

        var keys = CampaignGrid.Expand(spec).Select(p => (p.Point.D, p.Point.Alpha, p.Point.X, p.Point.N)).ToList();

        Assert.Equal(9, keys.Count);
        Assert.Equal(keys.OrderBy(k => k.D).ThenBy(k => k.Alpha).ThenBy(k => k.X).ThenBy(k => k.N), keys);
        Assert.Equal((1, 3.0, 0.5, 4), keys[0]);
        Assert.Equal((2, 2.0, 0.001, 16), keys[1]);
    }

    [Fact]
    public void NearlyEqualAlphasAreDistinctPoints()
    {
        CampaignSpec spec = Specs.Parse("""
            {
              "name": "g", "seed": 1,
              "blocks": [
                { "d": 3, "alpha": [6, 6.000000000000001, 6.0], "x": [0.01], "N": [8], "Ns": 1, "observables": ["mag"] }
              ]
            }
            """);

        Assert.Equal([6.0, 6.000000000000001], CampaignGrid.Expand(spec).Select(p => p.Point.Alpha));
    }
}
