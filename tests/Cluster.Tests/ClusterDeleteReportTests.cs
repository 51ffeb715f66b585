using System.Text.RegularExpressions;
using Sweep.Client;

namespace Sweep.Cluster.Tests;

/// <summary>
/// `sweep report --redis` and `sweep delete --redis` against Redis and silo containers: the
/// report is the one local mode writes for the same spec, and a delete erases every stored
/// state of the campaign (refused, losing nothing, while it runs), so that submitting it again
/// recomputes everything.
/// </summary>
public sealed partial class ClusterDeleteReportTests
{
    [DockerFact]
    public async Task Report_equals_local_mode_and_delete_erases_the_campaign_but_refuses_one_that_runs()
    {
        string local = await LocalReference.DataPathAsync();
        string specs = SweepCli.SpecDirectory();
        string spec = Path.Combine(specs, Specs.Name + ".json");
        await using TestCluster cluster = await TestCluster.StartAsync(17950);
        string redis = cluster.RedisEndpoint.ToString();

        var run = SweepCli.Run("run", spec, "--redis", redis);
        Assert.True(run.Code == 0, run.ToString());

        string localReport = Path.Combine(specs, "report-local");
        string clusterReport = Path.Combine(specs, "report-cluster");
        var reportedLocal = SweepCli.Run("report", Specs.Name, "--out", localReport, "--data", local);
        var reportedCluster = SweepCli.Run("report", Specs.Name, "--out", clusterReport, "--redis", redis);
        Assert.True(reportedLocal.Code == 0, reportedLocal.ToString());
        Assert.True(reportedCluster.Code == 0, reportedCluster.ToString());
        Assert.DoesNotContain("no Fig. 1", reportedCluster.Out, StringComparison.Ordinal);
        Assert.Equal(reportedLocal.Out.Replace(localReport, "DIR", StringComparison.Ordinal), reportedCluster.Out.Replace(clusterReport, "DIR", StringComparison.Ordinal));
        AssertSameReport(localReport, clusterReport);

        // A running campaign is refused and keeps everything it stored.
        var submitLong = SweepCli.Run("run", Path.Combine(specs, Specs.LongName + ".json"), "--redis", redis, "--detach");
        Assert.True(submitLong.Code == 0, submitLong.ToString());
        await TestCluster.WaitForAsync(() => LongBatches(cluster).Count >= 5, TimeSpan.FromMinutes(1), "some batches of the long campaign to be stored");
        IReadOnlyList<string> storedBefore = LongBatches(cluster);
        var refused = SweepCli.Run("delete", Specs.LongName, "--yes", "--redis", redis);
        Assert.Equal(2, refused.Code);
        Assert.StartsWith($"sweep delete: campaign '{Specs.LongName}' is running (", refused.Err, StringComparison.Ordinal);
        Assert.Contains($"stop it with `sweep cancel {Specs.LongName}` first", refused.Err, StringComparison.Ordinal);
        Assert.Single(refused.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Subset(LongBatches(cluster).ToHashSet(), storedBefore.ToHashSet());
        Assert.Contains($"campaign {Specs.LongName}: running", SweepCli.Run("status", "--redis", redis).Out, StringComparison.Ordinal);

        // Cancelled, it can be deleted once the batches it had leased are stored.
        Assert.Equal(0, SweepCli.Run("cancel", Specs.LongName, "--redis", redis).Code);
        SweepCli.Result? deletedLong = null;
        await TestCluster.WaitForAsync(
            () =>
            {
                deletedLong = SweepCli.Run("delete", Specs.LongName, "--yes", "--redis", redis);
                Assert.True(deletedLong.Code == 0 || deletedLong.Err.Contains("batches in flight", StringComparison.Ordinal), deletedLong.ToString());
                return deletedLong.Code == 0;
            },
            TimeSpan.FromMinutes(1),
            "the cancelled campaign's batches in flight to be stored");
        Assert.StartsWith($"deleted campaign '{Specs.LongName}' (", deletedLong!.Out, StringComparison.Ordinal);
        Assert.Empty(LongBatches(cluster));

        // Asked and declined: nothing goes.
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(1, CommandLine.Run(["delete", Specs.Name, "--redis", redis], o, e, new StringReader("n\n")));
        Assert.Equal($"delete campaign '{Specs.Name}' (6 points, all stored batches) from cluster 'sweep' through Redis {redis}? [y/N] nothing deleted", o.ToString().Trim());
        Assert.Equal(180, cluster.StoredBatchKeys().Count);

        // Campaign, 6 points, 180 batches.
        var deleted = SweepCli.Run("delete", Specs.Name, "--yes", "--redis", redis);
        Assert.True(deleted.Code == 0, deleted.ToString());
        Assert.Equal($"deleted campaign '{Specs.Name}' (187 stored states)", deleted.Out.Trim());
        Assert.Empty(cluster.StoredKeys($"*{Specs.Name}*"));
        Assert.Equal($"no campaigns in cluster 'sweep' through Redis {redis}", SweepCli.Run("list", "--redis", redis).Out.Trim());
        var status = SweepCli.Run("status", Specs.Name, "--redis", redis);
        Assert.Equal(2, status.Code);
        Assert.Equal($"sweep status: no campaign '{Specs.Name}' in cluster 'sweep' through Redis {redis} (known: none)", status.Err.Trim());

        // Submitted again, it starts from nothing and ends where local mode does.
        var rerun = SweepCli.Run("run", spec, "--redis", redis);
        Assert.True(rerun.Code == 0, rerun.ToString());
        Assert.Contains("180 batches (0 already stored)", rerun.Out, StringComparison.Ordinal);
        Assert.Contains("batches: 180 computed in this run, 0 reused from storage", rerun.Out, StringComparison.Ordinal);
        Assert.Equal(SweepCli.Run("table", Specs.Name, "--data", local).Out, SweepCli.Run("table", Specs.Name, "--redis", redis).Out);
        Directory.Delete(specs, recursive: true);
    }

    private static List<string> LongBatches(TestCluster cluster)
        => cluster.StoredBatchKeys().Where(k => k.StartsWith(Specs.LongName + "/", StringComparison.Ordinal)).ToList();

    // Byte for byte, but for the time index.html says it was generated.
    private static void AssertSameReport(string expectedDir, string actualDir)
    {
        static string[] Files(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToArray();
        string[] expected = Files(expectedDir);
        Assert.Equal(expected, Files(actualDir));
        Assert.Contains(expected, f => f.StartsWith("fig1", StringComparison.Ordinal));
        foreach (string file in expected.Where(f => f != "index.html"))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expectedDir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, file))),
                $"report file {file} differs between local mode ({expectedDir}) and the cluster ({actualDir})");
        }

        static string Index(string dir) => GeneratedAt().Replace(File.ReadAllText(Path.Combine(dir, "index.html")), "Generated (time) UTC");
        Assert.Equal(Index(expectedDir), Index(actualDir));
    }

    [GeneratedRegex(@"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC")]
    private static partial Regex GeneratedAt();
}
