using System.Text.Json.Nodes;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns.Tests;

public class AcceleratedKernelSpecTests
{
    [Fact]
    public void ASpecWithoutKernelGetsTheAcceleratedKernelAtItsDefaultTolerance()
    {
        CampaignSpec spec = Specs.Parse(Specs.Valid);

        Assert.Equal<KernelChoice>(new AcceleratedKernel(1e-10), spec.Kernel);
        Assert.Equal(SpinKernelChoice.Accelerated(1e-10), spec.Kernel.ToSpinKernel());
    }

    [Fact]
    public void TheToleranceIsOptional()
    {
        CampaignSpec spec = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated" });

        Assert.Equal<KernelChoice>(new AcceleratedKernel(1e-10), spec.Kernel);
    }

    [Fact]
    public void AnExplicitToleranceIsRead()
    {
        CampaignSpec spec = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "accelerated", ["tolerance"] = 2.5e-9 });

        Assert.Equal<KernelChoice>(new AcceleratedKernel(2.5e-9), spec.Kernel);
        Assert.Equal("accelerated:2.5E-09", spec.Kernel.ToSpinKernel().Code);
    }

    [Fact]
    public void ExactStaysAvailableByName()
    {
        CampaignSpec spec = Specs.With(s => s["kernel"] = new JsonObject { ["name"] = "exact" });

        Assert.Equal<KernelChoice>(ExactKernel.Instance, spec.Kernel);
        Assert.Equal("exact", spec.Kernel.ToSpinKernel().Code);
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
        Assert.Equal(spec.Kernel is AcceleratedKernel, written["tolerance"] is not null);
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
