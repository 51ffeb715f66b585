using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>A campaign on Redis and three silo containers ends with exactly the local-mode bits.</summary>
public sealed class ClusterCampaignTests
{
    [DockerFact]
    public async Task Campaign_on_three_silos_equals_local_mode_bit_for_bit()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        await using TestCluster cluster = await TestCluster.StartAsync(17100);
        await using RemoteCluster client = await cluster.ConnectAsync();

        SubmitResult submitted = await CampaignDriver.SubmitAsync(client.Grains, Specs.Small);
        CampaignStatus status = await CampaignDriver.WaitFinishedAsync(client.Grains, TimeSpan.FromMinutes(2));

        CampaignDriver.AssertComplete(status);
        Assert.Equal(0, submitted.BatchesAlreadyStored);
        CampaignSnapshot snapshot = await CampaignSnapshot.TakeAsync(client.Grains, Specs.Name);
        snapshot.AssertSameAs(reference, "clean");
        BatchLog.AssertEachStoredOnce(cluster.SiloLogs(), cluster.StoredBatchKeys(), status.BatchesTotal);
        Assert.Equal(status.BatchesTotal, BatchLog.Computed(cluster.SiloLogs()).Count);
    }
}
