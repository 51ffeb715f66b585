using System.Text.Json.Nodes;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns.Tests;

public class SpecCompatibilityTests
{
    private static readonly CampaignSpec Stored = Specs.Parse(Specs.Valid);

    [Fact]
    public void SameSpecIsCompatible() => Assert.Null(SpecCompatibility.Check(Stored, Specs.Parse(Specs.Valid)));

    [Fact]
    public void AddingPointsAndRaisingNsIsAllowed()
    {
        CampaignSpec requested = Specs.With(s =>
        {
            Specs.Block(s, 0)["N"] = new JsonArray(8, 16, 32);
            Specs.Block(s, 0)["Ns"] = 40;
            s["blocks"]!.AsArray().Add(JsonNode.Parse("""{ "d": 2, "alpha": [2], "x": [0.01], "N": [16], "Ns": 3, "observables": ["mag"] }"""));
        });

        Assert.Null(SpecCompatibility.Check(Stored, requested));
    }

    [Fact]
    public void DescriptionStrongDisorderXObservablesAndDroppedPointsAreAllowed()
    {
        CampaignSpec requested = Specs.With(s =>
        {
            s["description"] = "now described";
            s["strongDisorderMaxX"] = 0.005;
            Specs.Block(s, 0)["observables"] = new JsonArray("mag");
            s["blocks"]!.AsArray().RemoveAt(1);
        });

        Assert.Null(SpecCompatibility.Check(Stored, requested));
    }

    [Theory]
    [InlineData("seed", "2", "stored 1, requested 2")]
    [InlineData("timePoints", "100", "stored 200, requested 100")]
    [InlineData("timeUnit", "\"per-realization\"", "stored common, requested per-realization")]
    [InlineData("fitWindow", "[0.99, 0.02]", "stored [0.99, 0.01], requested [0.99, 0.02]")]
    [InlineData("batchSize", "10", "stored 50, requested 10")]
    public void ChangedSettingIsRefused(string key, string value, string values)
    {
        CampaignSpec requested = Specs.With(s => s[key] = JsonNode.Parse(value));

        string? message = SpecCompatibility.Check(Stored, requested);

        Assert.NotNull(message);
        Assert.StartsWith($"{key} differs from the stored campaign 't' ({values})", message, StringComparison.Ordinal);
        Assert.Contains("use a new campaign name", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedKernelIsRefused()
    {
        CampaignSpec requested = Stored with { Kernel = SpinKernelChoice.Exact };

        string? message = SpecCompatibility.Check(Stored, requested);

        Assert.NotNull(message);
        Assert.StartsWith(
            "kernel differs from the stored campaign 't' (stored {\"name\":\"accelerated\",\"tolerance\":1E-10,\"version\":5}, requested {\"name\":\"exact\"})",
            message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedToleranceIsRefused()
    {
        CampaignSpec requested = Stored with { Kernel = SpinKernelChoice.Accelerated(1e-8, 1) };

        string? message = SpecCompatibility.Check(Stored, requested);

        Assert.NotNull(message);
        Assert.StartsWith("kernel differs from the stored campaign 't'", message, StringComparison.Ordinal);
        Assert.Contains("\"tolerance\":1E-08", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameKernelSpelledWithItsDefaultToleranceIsCompatible()
    {
        CampaignSpec requested = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["tolerance"] = 1e-10, ["version"] = 5 });

        Assert.Null(SpecCompatibility.Check(Stored, requested));
    }

    [Fact]
    public void ACampaignStoredWithTheFirstVersionIsNotExtendedByTheSecond()
    {
        // Specs stored before kernel versions existed name the kernel without a version.
        CampaignSpec storedV1 = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["tolerance"] = 1e-10 });
        CampaignSpec requested = Specs.Parse(Specs.Valid);

        string? message = SpecCompatibility.Check(storedV1, requested);

        Assert.NotNull(message);
        Assert.Contains("version 1 of the accelerated kernel and the request names version 5", message, StringComparison.Ordinal);
        Assert.Contains("\"kernel\": {\"name\":\"accelerated\",\"tolerance\":1E-10}", message, StringComparison.Ordinal);
        Assert.Null(SpecCompatibility.Check(storedV1, Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated" })));
    }

    [Fact]
    public void ACampaignStoredWithTheSecondVersionIsNotExtendedByTheThird()
    {
        // Campaigns created while version 2 was the default store it by name.
        CampaignSpec storedV2 = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["tolerance"] = 1e-10, ["version"] = 2 });
        CampaignSpec requested = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["tolerance"] = 1e-10, ["version"] = 3 });

        Assert.NotNull(SpecCompatibility.Check(storedV2, requested));
        Assert.Null(SpecCompatibility.Check(storedV2, storedV2));
    }

    [Fact]
    public void LoweringNsOfAStoredPointIsRefused()
    {
        CampaignSpec requested = Specs.With(s => Specs.Block(s, 1)["Ns"] = 4);

        string? message = SpecCompatibility.Check(Stored, requested);

        Assert.NotNull(message);
        Assert.Contains("Ns of point d=3 alpha=6 x=0.001 N=32 would go down from 5 to 4", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoweringNsOfOneBlockIsFineWhenAnotherStillAsksForIt()
    {
        CampaignSpec requested = Specs.With(s =>
        {
            Specs.Block(s, 1)["Ns"] = 1;
            s["blocks"]!.AsArray().Add(JsonNode.Parse("""{ "d": 3, "alpha": [6], "x": [0.001], "N": [32], "Ns": 5, "observables": ["pur"] }"""));
        });

        Assert.Null(SpecCompatibility.Check(Stored, requested));
    }

    [Fact]
    public void DifferentNameIsRefused()
    {
        string? message = SpecCompatibility.Check(Stored, Stored with { Name = "u" });
        Assert.NotNull(message);
        Assert.StartsWith("name differs", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsListed()
    {
        CampaignSpec requested = Specs.With(s =>
        {
            s["seed"] = 2;
            s["batchSize"] = 3;
        });

        Assert.Equal(2, SpecCompatibility.Problems(Stored, requested).Count);
    }
}
