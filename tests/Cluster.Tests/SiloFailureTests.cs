using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>Silos die by SIGKILL mid-campaign: nothing is lost, nothing counted twice, nothing completed recomputed.</summary>
public sealed class SiloFailureTests
{
    [DockerFact]
    public async Task Killed_silo_loses_and_double_counts_no_batch()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        await using TestCluster cluster = await TestCluster.StartAsync(17200);
        await using RemoteCluster client = await cluster.ConnectAsync();

        await CampaignDriver.SubmitAsync(client.Grains, Specs.Small);
        CampaignStatus atKill = await CampaignDriver.WaitAsync(client.Grains, CampaignDriver.FirstResultsStored, TimeSpan.FromMinutes(1));
        cluster.Kill(cluster.Silos[2]);
        Assert.True(atKill.BatchesDone < atKill.BatchesTotal, "the silo must die mid-campaign");

        CampaignStatus status = await CampaignDriver.WaitFinishedAsync(client.Grains, TimeSpan.FromMinutes(2));
        CampaignDriver.AssertComplete(status);
        CampaignSnapshot snapshot = await CampaignSnapshot.TakeAsync(client.Grains, Specs.Name);
        snapshot.AssertSameAs(reference, "one-killed");
        BatchLog.AssertEachStoredOnce(cluster.SiloLogs(), cluster.StoredBatchKeys(), status.BatchesTotal);
    }

    [DockerFact]
    public async Task All_silos_killed_and_restarted_resume_by_themselves_without_recomputing()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        await using TestCluster cluster = await TestCluster.StartAsync(17300);
        CampaignStatus atKill;
        await using (RemoteCluster client = await cluster.ConnectAsync())
        {
            await CampaignDriver.SubmitAsync(client.Grains, Specs.Small);
            atKill = await CampaignDriver.WaitAsync(client.Grains, CampaignDriver.FirstResultsStored, TimeSpan.FromMinutes(1));
            foreach (var silo in cluster.Silos)
            {
                cluster.Kill(silo);
            }
        }

        Assert.True(atKill.BatchesDone < atKill.BatchesTotal, "the silos must die mid-campaign");
        var logsBefore = cluster.Silos.Select(s => DockerCli.Logs(s.Id)).ToArray();
        var storedBefore = cluster.StoredBatchKeys().ToHashSet(StringComparer.Ordinal);
        await cluster.RestartSilosAsync(cluster.Silos, TimeSpan.FromMinutes(2));

        // Nothing is submitted again: the campaign's durable reminder must restart it.
        await using RemoteCluster again = await cluster.ConnectAsync();
        CampaignStatus status = await CampaignDriver.WaitFinishedAsync(again.Grains, TimeSpan.FromMinutes(3));
        CampaignDriver.AssertComplete(status);
        CampaignSnapshot snapshot = await CampaignSnapshot.TakeAsync(again.Grains, Specs.Name);
        snapshot.AssertSameAs(reference, "all-killed");

        string logsAfter = string.Concat(cluster.Silos.Select((s, i) => DockerCli.Logs(s.Id)[logsBefore[i].Length..]));
        var recomputed = BatchLog.Computed(logsAfter).Where(storedBefore.Contains).ToList();
        Assert.True(recomputed.Count == 0, "completed batches computed again: " + string.Join(", ", recomputed));
        Assert.True(storedBefore.Count > 0, "some batches must have been stored before the kill");
        BatchLog.AssertEachStoredOnce(cluster.SiloLogs(), cluster.StoredBatchKeys(), status.BatchesTotal);
    }

    /// <summary>
    /// After every silo died, one silo restarted alone must not wait out Orleans' default 90 s
    /// heartbeat staleness of its dead peers (measured: 98 s to join, 117 s to the first batch);
    /// with <see cref="Sweep.Grains.Cluster.ClusterLiveness"/> it joined in 28 to 33 s.
    /// </summary>
    [DockerFact]
    public async Task One_silo_restarted_alone_after_all_died_joins_within_a_minute_and_finishes()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(17350);
        await using (RemoteCluster client = await cluster.ConnectAsync())
        {
            await CampaignDriver.SubmitAsync(client.Grains, Specs.Small);
            await CampaignDriver.WaitAsync(client.Grains, CampaignDriver.FirstResultsStored, TimeSpan.FromMinutes(1));
            foreach (var silo in cluster.Silos)
            {
                cluster.Kill(silo);
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await cluster.RestartSilosAsync([cluster.Silos[0]], TimeSpan.FromSeconds(60));
        TimeSpan joined = clock.Elapsed;

        await using RemoteCluster again = await cluster.ConnectAsync();
        CampaignStatus status = await CampaignDriver.WaitFinishedAsync(again.Grains, TimeSpan.FromMinutes(2));
        CampaignDriver.AssertComplete(status);
        Assert.True(joined < TimeSpan.FromSeconds(60), $"joined after {joined.TotalSeconds:F1} s");
    }
}
