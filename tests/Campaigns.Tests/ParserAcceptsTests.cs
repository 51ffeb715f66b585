using Sweep.Physics.Time;
using Sweep.Physics.Scaling;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns.Tests;

public class ParserAcceptsTests
{
    [Fact]
    public void MinimalSpecGetsDefaults()
    {
        CampaignSpec spec = Specs.Parse(Specs.Valid);

        Assert.Equal("t", spec.Name);
        Assert.Null(spec.Description);
        Assert.Equal(1UL, spec.Seed);
        Assert.Equal(200, spec.TimePoints);
        Assert.Equal(TimeUnit.Common, spec.TimeUnit);
        Assert.Equal(0.99, spec.FitUpper);
        Assert.Equal(0.01, spec.FitLower);
        Assert.Equal(0.01, spec.StrongDisorderMaxX);
        Assert.Equal(50, spec.BatchSize);
        Assert.Equal(SpinKernelChoice.Accelerated(1e-10, 5), spec.Kernel);
        Assert.Equal(2, spec.Blocks.Count);
        Assert.Equal(new SpecBlock(1, [1.0, 3.0], [0.001, 0.01], [8, 16], 10, [Observable.Mag, Observable.Pur]), spec.Blocks[0]);
        Assert.Equal([Observable.Pur], spec.Blocks[1].Observables);
    }

    [Fact]
    public void ExplicitSettingsAreRead()
    {
        CampaignSpec spec = Specs.With(s =>
        {
            s["description"] = "why";
            s["timePoints"] = 100;
            s["timeUnit"] = "per-realization";
            s["fitWindow"] = new System.Text.Json.Nodes.JsonArray(0.9, 0.05);
            s["strongDisorderMaxX"] = 0.02;
            s["batchSize"] = 7;
            s["kernel"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "exact" };
        });

        Assert.Equal("why", spec.Description);
        Assert.Equal(100, spec.TimePoints);
        Assert.Equal(TimeUnit.PerRealization, spec.TimeUnit);
        Assert.Equal(0.9, spec.FitUpper);
        Assert.Equal(0.05, spec.FitLower);
        Assert.Equal(0.02, spec.StrongDisorderMaxX);
        Assert.Equal(7, spec.BatchSize);
    }

    [Theory]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("9007199254740993", 9007199254740993UL)]
    [InlineData("0", 0UL)]
    public void SeedIsParsedExactly(string text, ulong expected)
    {
        CampaignSpec spec = Specs.Parse(Specs.Valid.Replace("\"seed\": 1", "\"seed\": " + text, StringComparison.Ordinal));
        Assert.Equal(expected, spec.Seed);
    }

    [Fact]
    public void CommentsAndTrailingCommasAreAllowed()
    {
        string json = Specs.Valid.Replace("\"seed\": 1,", "// why this seed\n  \"seed\": 1,", StringComparison.Ordinal)
            .Replace("[\"pur\"] }", "[\"pur\"], }", StringComparison.Ordinal);
        Assert.Equal(1UL, Specs.Parse(json).Seed);
    }

    [Fact]
    public void ParseFileReadsTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Specs.Valid);
        try
        {
            Assert.True(CampaignSpecParser.ParseFile(path).IsValid);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ParseFileSaysADirectoryIsADirectory()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("spec-dir-");
        try
        {
            SpecParseResult result = CampaignSpecParser.ParseFile(dir.FullName);

            Assert.False(result.IsValid);
            string error = Assert.Single(result.Errors);
            Assert.Contains("is a directory", error, StringComparison.Ordinal);
            Assert.Contains(dir.FullName, error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete();
        }
    }

    [Fact]
    public void ParseFileNamesAMissingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");
        SpecParseResult result = CampaignSpecParser.ParseFile(path);

        Assert.False(result.IsValid);
        string error = Assert.Single(result.Errors);
        Assert.Contains("not found", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public void GetSpecOrThrowCarriesTheErrors()
    {
        var e = Assert.Throws<SpecValidationException>(() => CampaignSpecParser.Parse("{}").GetSpecOrThrow());
        Assert.Contains("name: is required", e.Errors);
        Assert.Contains("name: is required", e.Message, StringComparison.Ordinal);
    }
}
