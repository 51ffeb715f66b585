using System.Text.Json.Nodes;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// The default kernel changed (accelerated version 2, then 3, then 4): a spec that names no kernel must keep
/// resuming a campaign stored with the version-1 kernel, not be refused, and a new campaign
/// from such a spec stores the kernel it was given.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class DefaultKernelTests(SubmitClusterFixture fixture) : IClassFixture<SubmitClusterFixture>
{
    private const string Name = "default-kernel";

    [Fact]
    public async Task A_spec_without_a_kernel_resumes_a_campaign_stored_with_the_version_1_kernel()
    {
        JsonObject stored = Specs.Spec(Name, 2, Specs.Block(1, [2.0], [0.01], [4, 8], 6, "mag", "pur"));
        stored["kernel"] = new JsonObject { ["name"] = "accelerated" };
        ICampaignGrain campaign = fixture.Cluster.Campaign(Name);
        await fixture.Cluster.SubmitAsync(stored.ToJsonString());
        await fixture.Cluster.WaitUntilFinishedAsync(Name);
        string? specBefore = await campaign.GetSpec();

        SubmitResult result = await campaign.Submit(Specs.With(stored, s => s.Remove("kernel")));

        Assert.Null(result.Error);
        Assert.False(result.Extended);
        Assert.Equal(specBefore, await campaign.GetSpec());
        Assert.Contains("\"accelerated\"", specBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("\"version\"", specBefore, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_campaign_from_a_spec_without_a_kernel_stores_the_default_kernel()
    {
        JsonObject spec = Specs.Spec(Name + "-new", 2, Specs.Block(1, [2.0], [0.01], [4], 2, "mag"));
        spec.Remove("kernel");
        SubmitResult result = await fixture.Cluster.Campaign(Name + "-new").Submit(spec.ToJsonString());
        Assert.Null(result.Error);
        string? stored = await fixture.Cluster.Campaign(Name + "-new").GetSpec();
        Assert.Contains("\"version\": 5", stored, StringComparison.Ordinal);
    }
}
