using System.Diagnostics;
using System.Globalization;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>Redis goes away under a running campaign, or was never there for a starting silo.</summary>
public sealed class RedisFailureTests
{
    [DockerFact]
    public async Task Redis_stopped_and_started_mid_campaign_loses_nothing()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        await using TestCluster cluster = await TestCluster.StartAsync(17400);
        await using RemoteCluster client = await cluster.ConnectAsync();

        await CampaignDriver.SubmitAsync(client.Grains, Specs.Small);
        CampaignStatus atStop = await CampaignDriver.WaitAsync(client.Grains, CampaignDriver.FirstResultsStored, TimeSpan.FromMinutes(1));
        await cluster.StopRedisAsync();
        Assert.True(atStop.BatchesDone < atStop.BatchesTotal, "Redis must stop mid-campaign");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await cluster.StartRedisAsync(TimeSpan.FromSeconds(30));

        CampaignStatus status = await CampaignDriver.WaitFinishedAsync(client.Grains, TimeSpan.FromMinutes(3));
        CampaignDriver.AssertComplete(status);
        CampaignSnapshot snapshot = await CampaignSnapshot.TakeAsync(client.Grains, Specs.Name);
        snapshot.AssertSameAs(reference, "redis-restart");
        Assert.True(status.BatchesDone >= atStop.BatchesDone);
    }

    [DockerFact]
    public async Task Silo_with_a_wrong_Redis_address_fails_fast_naming_it()
    {
        DockerEnvironment.Require();
        DockerCli.RemoveLeftovers();
        const string wrong = "127.0.0.1:17500";
        await using var silo = TestCluster.Silo(17501, 17511, wrong);
        var clock = Stopwatch.StartNew();
        try
        {
            await silo.StartAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Testcontainers may report the early exit itself; the exit code and log decide.
        }

        string exit = DockerCli.Check("wait", silo.Id).Trim();
        clock.Stop();
        string logs = DockerCli.Logs(silo.Id);
        DockerCli.RemoveLeftovers();

        Assert.Equal(ExitCodes.ClusterUnavailable.ToString(CultureInfo.InvariantCulture), exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), string.Create(CultureInfo.InvariantCulture, $"took {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.Contains($"Redis at {wrong} is unreachable", logs, StringComparison.Ordinal);
    }
}
