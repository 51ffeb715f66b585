using System.Text.Json.Nodes;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class RefusedChangeTests(SubmitClusterFixture fixture) : IClassFixture<SubmitClusterFixture>
{
    private const string Name = "refused";

    private static JsonObject Stored() => Specs.Spec(Name, 2, Specs.Block(1, [2.0], [0.01], [4, 8], 6, "mag", "pur"));

    // The kernel setting cannot be changed to anything valid yet: "exact" is the only kernel and takes no settings.
    public static TheoryData<string, string> Cases => new()
    {
        { "seed", "seed differs from the stored campaign 'refused' (stored 20260101, requested 7)" },
        { "timePoints", "timePoints differs from the stored campaign 'refused' (stored 40, requested 41)" },
        { "timeUnit", "timeUnit differs from the stored campaign 'refused' (stored common, requested per-realization)" },
        { "fitWindow", "fitWindow differs from the stored campaign 'refused' (stored [0.99, 0.01], requested [0.9, 0.01])" },
        { "batchSize", "batchSize differs from the stored campaign 'refused' (stored 2, requested 3)" },
        { "Ns", "Ns of point d=1 alpha=2 x=0.01 N=8 would go down from 6 to 5" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_change_that_would_alter_stored_results_is_refused_and_changes_nothing(string setting, string message)
    {
        string stored = Stored().ToJsonString();
        StraightRun expected = StraightRun.Of(stored);
        ICampaignGrain campaign = fixture.Cluster.Campaign(Name);
        // The fixture's cluster is shared: the first case runs the campaign, later ones find it done.
        await fixture.Cluster.SubmitAsync(stored);
        await fixture.Cluster.WaitUntilFinishedAsync(Name);
        string? specBefore = await campaign.GetSpec();

        SubmitResult result = await campaign.Submit(Specs.With(Stored(), s => Change(s, setting)));

        Assert.NotNull(result.Error);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("new campaign name", result.Error, StringComparison.Ordinal);
        Assert.Equal(specBefore, await campaign.GetSpec());
        CampaignStatus status = await campaign.GetStatus();
        Assert.True(status.Finished);
        Assert.All(status.PointSummaries, p => Assert.Equal(6, p.RealizationsDone));
        BitAssert.Results(expected, await campaign.GetResults());
        BitAssert.Table(expected, await campaign.GetTable());
    }

    private static void Change(JsonObject spec, string setting)
    {
        switch (setting)
        {
            case "seed": spec["seed"] = 7; break;
            case "timePoints": spec["timePoints"] = 41; break;
            case "timeUnit": spec["timeUnit"] = "per-realization"; break;
            case "fitWindow": spec["fitWindow"] = new JsonArray(0.9, 0.01); break;
            case "batchSize": spec["batchSize"] = 3; break;
            case "Ns":
                // N = 4 keeps its Ns; only N = 8 is lowered, in a block of its own.
                Specs.BlockOf(spec, 0)["N"] = new JsonArray(4);
                ((JsonArray)spec["blocks"]!).Add(Specs.Block(1, [2.0], [0.01], [8], 5, "mag", "pur"));
                break;
            default: throw new ArgumentException($"no such setting '{setting}'", nameof(setting));
        }
    }
}
