using System.Diagnostics;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A silo stopped by SIGTERM (`docker stop`, Kubernetes, Slurm, systemd) leaves the cluster
/// gracefully: the batches it holds go back to the queue as it stops, and other silos take
/// them at once, not after the 20 s renewal grace or the membership's death detection.
/// </summary>
public sealed class SiloLeaveTests
{
    // Well under the dispatcher's renewal grace (20 s), which is what a silo that kept its
    // leases would cost; on two loaded cores the silo's stop and one batch of the others take a few seconds.
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(15);

    [DockerFact]
    public async Task Sigterm_to_one_of_three_silos_requeues_its_batches_at_once()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        await using TestCluster cluster = await TestCluster.StartAsync(17500);
        await using RemoteCluster client = await cluster.ConnectAsync();

        await CampaignDriver.SubmitAsync(client.Grains, Specs.Small);
        CampaignStatus atStop = await CampaignDriver.WaitAsync(client.Grains, CampaignDriver.FirstResultsStored, TimeSpan.FromMinutes(1));
        var victim = cluster.Silos[2];
        var clock = Stopwatch.StartNew();
        DockerCli.Check("kill", "--signal", "TERM", victim.Id);
        Assert.True(atStop.BatchesDone < atStop.BatchesTotal, "the silo must stop mid-campaign");

        await TestCluster.WaitForAsync(() => DockerCli.Check("inspect", "-f", "{{.State.Running}}", victim.Id).Trim() == "false", TimeSpan.FromSeconds(30), "the silo to exit");
        TimeSpan exited = clock.Elapsed;
        IReadOnlyList<string> returned = BatchLog.Returned(DockerCli.Logs(victim.Id));
        Assert.True(returned.Count > 0, "the stopped silo returned no batch; its log:\n" + DockerCli.Logs(victim.Id));

        // Each returned batch is computed by one of the other silos, without waiting for any timeout.
        var others = cluster.Silos.Where(s => s.Id != victim.Id).ToList();
        await TestCluster.WaitForAsync(
            () =>
            {
                var computed = BatchLog.Computed(string.Concat(others.Select(s => DockerCli.Logs(s.Id)))).ToHashSet(StringComparer.Ordinal);
                return returned.All(computed.Contains);
            },
            TimeSpan.FromMinutes(1),
            "the returned batches to be computed by the other silos");
        TimeSpan taken = clock.Elapsed;
        Assert.True(taken < AtOnce, $"the returned batches {string.Join(", ", returned)} were computed elsewhere {taken.TotalSeconds:F1} s after SIGTERM (the silo exited after {exited.TotalSeconds:F1} s)");

        CampaignStatus status = await CampaignDriver.WaitFinishedAsync(client.Grains, TimeSpan.FromMinutes(2));
        CampaignDriver.AssertComplete(status);
        CampaignSnapshot snapshot = await CampaignSnapshot.TakeAsync(client.Grains, Specs.Name);
        snapshot.AssertSameAs(reference, "one-stopped");
        BatchLog.AssertEachStoredOnce(cluster.SiloLogs(), cluster.StoredBatchKeys(), status.BatchesTotal);
    }
}
