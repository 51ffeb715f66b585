using System.Text.Json.Nodes;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns.Tests;

public class AcceleratedKernelSpecTests
{
    [Fact]
    public void ASpecWithoutKernelGetsTheLatestAcceleratedKernelAtItsDefaultTolerance()
    {
        CampaignSpec spec = Specs.Parse(Specs.Valid);

        Assert.Equal(SpinKernelChoice.Accelerated(1e-10, 5), spec.Kernel);
        Assert.Equal(SpinKernelChoice.Accelerated(1e-10), spec.Kernel);
        Assert.Equal("accelerated-v5:1E-10", spec.Kernel.Code);
    }

    [Fact]
    public void AKernelWithoutVersionIsTheFirstAndTheVersionIsReadAndWritten()
    {
        CampaignSpec v1 = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated" });
        CampaignSpec v2 = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["version"] = 2 });

        Assert.Equal(SpinKernelChoice.Accelerated(1e-10, 1), v1.Kernel);
        Assert.Equal("accelerated:1E-10", v1.Kernel.Code);
        Assert.Equal(SpinKernelChoice.Accelerated(1e-10, 2), v2.Kernel);
        Assert.Equal(v2, Specs.Parse(CampaignSpecJson.Write(v2)));
        Assert.Equal(v1, Specs.Parse(CampaignSpecJson.Write(v1)));
        Assert.DoesNotContain("version", CampaignSpecJson.Write(v1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(1.5)]
    public void AnUnknownVersionIsRefusedByName(double version)
    {
        var errors = Specs.ErrorsAfter(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["version"] = version });

        Assert.Contains(errors, e => e.Contains("kernel.version", StringComparison.Ordinal) && e.Contains("from 1 to 5", StringComparison.Ordinal));
    }

    [Fact]
    public void TheToleranceIsOptional()
    {
        CampaignSpec spec = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated" });

        Assert.Equal(SpinKernelChoice.Accelerated(1e-10, 1), spec.Kernel);
    }

    [Fact]
    public void AnExplicitToleranceIsRead()
    {
        CampaignSpec spec = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["tolerance"] = 2.5e-9 });

        Assert.Equal(SpinKernelChoice.Accelerated(2.5e-9, 1), spec.Kernel);
        Assert.Equal("accelerated:2.5E-09", spec.Kernel.Code);
    }

    [Fact]
    public void ExactStaysAvailableByName()
    {
        CampaignSpec spec = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "exact" });

        Assert.Equal(SpinKernelChoice.Exact, spec.Kernel);
        Assert.Equal("exact", spec.Kernel.Code);
    }

    [Theory]
    [InlineData("{ \"name\": \"accelerated\" }")]
    [InlineData("{ \"name\": \"accelerated\", \"tolerance\": 1e-6 }")]
    [InlineData("{ \"name\": \"exact\" }")]
    public void TheWriterKeepsTheKernelAndAlwaysWritesTheTolerance(string kernel)
    {
        CampaignSpec spec = Specs.With(s => s["kernel"] = JsonNode.Parse(kernel));
        string json = CampaignSpecJson.Write(spec);

        Assert.Equal(spec, Specs.Parse(json));
        JsonNode written = JsonNode.Parse(json)!["kernel"]!;
        Assert.Equal(spec.Kernel.Kind == SpinKernelKind.Accelerated, written["tolerance"] is not null);
    }

    [Theory]
    [InlineData("0", "must be positive (got 0)")]
    [InlineData("-1e-10", "must be positive (got -1e-10)")]
    [InlineData("\"1e-10\"", "expected a number, got a string")]
    [InlineData("1e400", "must be a finite number")]
    public void ABadToleranceIsNamed(string tolerance, string fragment)
    {
        IReadOnlyList<string> errors = Specs.ErrorsAfter(s => s["kernel"] = JsonNode.Parse($"{{ \"name\": \"accelerated\", \"tolerance\": {tolerance} }}"));

        Assert.Contains(errors, e => e.StartsWith("kernel.tolerance: ", StringComparison.Ordinal) && e.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownSettingOfTheAcceleratedKernelIsRefused()
    {
        IReadOnlyList<string> errors = Specs.ErrorsAfter(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["terms"] = 12 });

        Assert.Contains(errors, e => e.StartsWith("kernel: unknown key 'terms'", StringComparison.Ordinal));
    }
}
