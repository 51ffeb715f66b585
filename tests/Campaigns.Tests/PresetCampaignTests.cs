namespace Sweep.Campaigns.Tests;

public class PresetCampaignTests
{
    private static CampaignSpec Load(string file)
    {
        SpecParseResult result = CampaignSpecParser.ParseFile(RepoRoot.PathOf("campaigns", file));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec;
    }

    [Theory]
    [InlineData("quick.json")]
    [InlineData("fig1.json")]
    [InlineData("fig2a.json")]
    [InlineData("fig2bc.json")]
    [InlineData("fig2bc-small.json")]
    public void EveryPresetParsesAndSaysWhatItReproducesAndItsCost(string file)
    {
        CampaignSpec spec = Load(file);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
        Assert.False(string.IsNullOrWhiteSpace(spec.Description));
        Assert.True(spec.Description!.Contains("cost", StringComparison.OrdinalIgnoreCase) || spec.Description.Contains(" s on 2 cores", StringComparison.Ordinal), spec.Description);
    }

    [Fact]
    public void Fig2bcFollowsTableOne()
    {
        CampaignSpec spec = Load("fig2bc.json");
        IReadOnlyList<CampaignPoint> points = CampaignGrid.Expand(spec);
        for (int d = 1; d <= 3; d++)
        {
            Assert.Equal(Enumerable.Range(d, 11 - d).Select(a => (double)a), points.Where(p => p.Point.D == d).Select(p => p.Point.Alpha).Distinct().Order());
        }

        double[] xs = points.Select(p => p.Point.X).Distinct().Order().ToArray();
        Assert.Equal(5, xs.Length);
        Assert.All(xs, x => Assert.True(x <= spec.StrongDisorderMaxX));
        Assert.Equal((100, 1300, 200), Range(points, 3));
        Assert.Equal((50, 800, 200), Range(points, 2));
        SpecBlock[] oneD = spec.Blocks.Where(b => b.D == 1).ToArray();
        Assert.Equal(2, oneD.Length);
        Assert.Equal((2, 10, 20000), (oneD[0].N.Min(), oneD[0].N.Max(), oneD[0].Ns));
        Assert.Equal((10, 100, 4000), (oneD[1].N.Min(), oneD[1].N.Max(), oneD[1].Ns));
    }

    [Fact]
    public void SmallPresetHasTheSameDAlphaAndXGridAsTheFullOne()
    {
        static IEnumerable<(int, double, double)> Grid(CampaignSpec s)
            => CampaignGrid.Expand(s).Select(p => (p.Point.D, p.Point.Alpha, p.Point.X)).Distinct().Order();
        Assert.Equal(Grid(Load("fig2bc.json")), Grid(Load("fig2bc-small.json")));
    }

    private static (int Min, int Max, int Ns) Range(IReadOnlyList<CampaignPoint> points, int d)
    {
        CampaignPoint[] p = points.Where(q => q.Point.D == d).ToArray();
        return (p.Min(q => q.Point.N), p.Max(q => q.Point.N), p.Max(q => q.Ns));
    }
}
