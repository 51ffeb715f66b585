using System.Globalization;
using System.Text.RegularExpressions;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A campaign on Redis and three silo containers ends with exactly the local-mode bits, and the
/// silos' Prometheus endpoints count what they computed.
/// </summary>
public sealed partial class ClusterCampaignTests
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

        // What an operator's Prometheus scrapes: the silos' counts add up to the campaign, and the
        // cluster-wide gauges (read from the grains every 5 s) reach its points.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string[] scraped = [];
        await TestCluster.WaitForAsync(
            async () =>
            {
                scraped = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => http.GetStringAsync(new Uri($"http://127.0.0.1:{cluster.MetricsPort(i)}/metrics"))));
                return scraped.All(m => Value(m, $"sweep_points_done{{campaign=\"{Specs.Name}\"}}") == status.Points);
            },
            TimeSpan.FromSeconds(30),
            "the silos' points_done gauges to reach the campaign's points");
        Assert.Equal(status.BatchesTotal, scraped.Sum(m => Value(m, "sweep_batches_computed")));
        Assert.Equal(status.RealizationsDone, scraped.Sum(m => Value(m, "sweep_realizations_computed")));
        Assert.Equal(status.BatchesTotal, scraped.Sum(m => Value(m, "sweep_store_writes")));
        Assert.All(scraped, m => Assert.True(Value(m, "sweep_store_write_seconds") > 0));
        Assert.All(scraped, m => Assert.InRange(Value(m, "sweep_slots_busy_ratio"), 0, 1));
        Assert.All(scraped, m => Assert.Equal(0, Value(m, "sweep_dispatcher_queued")));
    }

    /// <summary>The value of one sample line of a Prometheus text exposition (name with its labels).</summary>
    private static double Value(string metrics, string sample)
    {
        Match m = Regex.Match(metrics, "^" + Regex.Escape(sample) + " ([^ \n]+)$", RegexOptions.Multiline);
        Assert.True(m.Success, $"no sample '{sample}' in:\n{metrics}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
