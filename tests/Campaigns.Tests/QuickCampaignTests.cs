namespace Sweep.Campaigns.Tests;

public class QuickCampaignTests
{
    [Fact]
    public void QuickSpecParsesAndCoversEveryDimensionWithThreeSizes()
    {
        SpecParseResult result = CampaignSpecParser.ParseFile(RepoRoot.PathOf("campaigns", "quick.json"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        CampaignSpec spec = result.Spec;

        Assert.Equal("quick", spec.Name);
        IReadOnlyList<CampaignPoint> points = CampaignGrid.Expand(spec);
        Assert.Equal([1, 2, 3], points.Select(p => p.Point.D).Distinct().Order());
        foreach (var group in points.GroupBy(p => (p.Point.D, p.Point.Alpha)))
        {
            Assert.True(group.Select(p => p.Point.N).Distinct().Count() >= 3, $"fewer than 3 N values for {group.Key}");
        }
    }
}
