using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>
/// The `sweep` commands with --redis against Redis and silo containers: they show exactly what
/// local mode shows for the same spec, and `sweep run` follows a campaign through silos dying.
/// </summary>
public sealed class ClusterCliTests
{
    [DockerFact]
    public async Task Reading_commands_with_redis_print_what_local_mode_prints_for_the_same_spec()
    {
        string local = await LocalReference.DataPathAsync();
        string specs = SweepCli.SpecDirectory();
        await using TestCluster cluster = await TestCluster.StartAsync(17600);
        string redis = cluster.RedisEndpoint.ToString();

        // Submitted from the client image, as from another machine; the campaign goes on without it.
        var submit = SweepCli.InContainer(specs, TimeSpan.FromMinutes(2), "run", $"/campaigns/{Specs.Name}.json", "--redis", redis, "--detach");
        Assert.True(submit.Code == 0, submit.ToString());
        Assert.StartsWith($"campaign '{Specs.Name}' in cluster 'sweep' through Redis {redis}: 6 grid points, 180 batches (0 already stored)", submit.Out, StringComparison.Ordinal);
        Assert.Contains("detached: the campaign goes on in the cluster", submit.Out, StringComparison.Ordinal);
        await using (RemoteCluster client = await cluster.ConnectAsync())
        {
            CampaignDriver.AssertComplete(await CampaignDriver.WaitFinishedAsync(client.Grains, TimeSpan.FromMinutes(2)));
        }

        string[][] commands =
        [
            ["list"],
            ["status"],
            ["status", Specs.Name],
            ["status", Specs.Name, "--json"],
            ["table", Specs.Name],
            ["table", Specs.Name, "--format", "csv"],
            ["table", Specs.Name, "--format", "json"],
            ["table", Specs.Name, "--format", "md"],
        ];
        foreach (string[] command in commands)
        {
            var expected = SweepCli.Run([.. command, "--data", local]);
            var actual = SweepCli.Run([.. command, "--redis", redis]);
            Assert.True(expected.Code == 0, expected.ToString());
            Assert.True(actual.Code == 0, $"sweep {string.Join(' ', command)} --redis: {actual}");
            Assert.True(Comparable(expected.Out) == Comparable(actual.Out), $"sweep {string.Join(' ', command)}: local printed\n{expected.Out}\ncluster printed\n{actual.Out}");
        }

        string localExport = Path.Combine(specs, "export-local");
        string clusterExport = Path.Combine(specs, "export-cluster");
        var exportedLocal = SweepCli.Run("export", Specs.Name, "--out", localExport, "--data", local);
        var exportedCluster = SweepCli.Run("export", Specs.Name, "--out", clusterExport, "--redis", redis);
        Assert.True(exportedCluster.Code == 0, exportedCluster.ToString());
        Assert.Equal(exportedLocal.Out.Replace(localExport, "DIR", StringComparison.Ordinal), exportedCluster.Out.Replace(clusterExport, "DIR", StringComparison.Ordinal));
        AssertSameFiles(localExport, clusterExport);

        // The client image reads the cluster like the in-process client.
        var statusInContainer = SweepCli.InContainer(specs, TimeSpan.FromMinutes(1), "status", Specs.Name, "--redis", redis);
        Assert.True(statusInContainer.Code == 0, statusInContainer.ToString());
        Assert.Equal(Comparable(SweepCli.Run("status", Specs.Name, "--data", local).Out), Comparable(statusInContainer.Out));

        // What differs on purpose: the cluster's status says what its silos compute, a stopped store that nothing does.
        Assert.Contains("compute: 3 silos, 0/3 slots busy", SweepCli.Run("status", Specs.Name, "--redis", redis).Out, StringComparison.Ordinal);
        Assert.Contains("compute: no run is computing (a stopped store)", SweepCli.Run("status", Specs.Name, "--data", local).Out, StringComparison.Ordinal);

        var unknown = SweepCli.Run("table", "no-such-campaign", "--redis", redis);
        Assert.Equal(2, unknown.Code);
        Assert.Equal($"sweep table: no campaign 'no-such-campaign' in cluster 'sweep' through Redis {redis} (known: {Specs.Name})", unknown.Err.Trim());

        // The shared campaign has finished: cancelling it says so and changes nothing.
        var cancel = SweepCli.Run("cancel", Specs.Name, "--redis", redis);
        Assert.True(cancel.Code == 0, cancel.ToString());
        Assert.Equal($"campaign '{Specs.Name}' in cluster 'sweep' through Redis {redis} has finished; nothing to cancel, nothing changed", cancel.Out.Trim());
        Assert.Contains($"campaign {Specs.Name}: finished;", SweepCli.Run("status", "--redis", redis).Out, StringComparison.Ordinal);
        Directory.Delete(specs, recursive: true);
    }

    /// <summary>
    /// The output without what must differ between the two: when each run finished, and what is
    /// computing now (the status's compute lines and its JSON's cluster object: the silos of a
    /// live cluster against a stopped store).
    /// </summary>
    private static string Comparable(string output)
    {
        if (output.TrimStart().StartsWith('[') && System.Text.Json.Nodes.JsonNode.Parse(output) is System.Text.Json.Nodes.JsonArray campaigns)
        {
            foreach (System.Text.Json.Nodes.JsonNode? campaign in campaigns)
            {
                (campaign as System.Text.Json.Nodes.JsonObject)?.Remove("cluster");
            }

            return WithoutFinishTime(campaigns.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        return string.Join('\n', WithoutFinishTime(output).Split('\n').Where(line => !line.StartsWith("compute:", StringComparison.Ordinal)));
    }

    // The two runs finished at different times; each status must still say when its own did.
    private static string WithoutFinishTime(string output)
    {
        string masked = System.Text.RegularExpressions.Regex.Replace(output, @"finished \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", "finished TIME");
        return System.Text.RegularExpressions.Regex.Replace(masked, "\"finished_utc\": \"[0-9T:.Z-]+\"", "\"finished_utc\": TIME");
    }

    [DockerFact]
    public async Task Run_keeps_following_while_every_silo_is_killed_and_restarted()
    {
        string specs = SweepCli.SpecDirectory();
        await using TestCluster cluster = await TestCluster.StartAsync(17700);
        string redis = cluster.RedisEndpoint.ToString();

        // The longer spec: the small one can finish between the watcher's poll and the kills.
        var run = Task.Run(() => SweepCli.Run("run", Path.Combine(specs, Specs.LongName + ".json"), "--redis", redis, "--progress-seconds", "1"));
        CampaignStatus atKill = await WaitForLongCampaignAsync(cluster, s => s.BatchesDone >= s.BatchesTotal / 5);
        Assert.True(atKill.BatchesDone < atKill.BatchesTotal * 3 / 4, $"the silos must die mid-campaign ({atKill.BatchesDone} of {atKill.BatchesTotal} batches were done)");

        // Whichever gateway the run's client talks to dies with the others.
        foreach (var silo in cluster.Silos)
        {
            cluster.Kill(silo);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(run.IsCompleted, "the run must still be following the campaign while no silo is up: " + (run.IsCompleted ? run.Result.ToString() : string.Empty));
        await cluster.RestartSilosAsync(cluster.Silos, TimeSpan.FromMinutes(2));

        SweepCli.Result result = await run.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(result.Code == 0, result.ToString());
        Assert.Contains("the cluster did not answer", result.Err, StringComparison.Ordinal);
        Assert.Contains("the cluster answers again after", result.Err, StringComparison.Ordinal);
        string table = AssertRunPrintedTheClusterTable(result, redis);
        Assert.Contains("per-point fitted beta", table, StringComparison.Ordinal);
        Directory.Delete(specs, recursive: true);
    }

    /// <summary>
    /// The run connects while only silo 0 is up, so silo 0 is the gateway it follows the
    /// campaign through (a client keeps a grain's calls on one gateway). Two more silos join,
    /// then silo 0 is killed: the run must move to them and finish. The longer spec leaves time
    /// for that; its table is compared with what `sweep table --redis` reads afterwards.
    /// </summary>
    [DockerFact]
    public async Task Run_keeps_following_when_the_gateway_it_talks_to_is_killed()
    {
        string specs = SweepCli.SpecDirectory();
        await using TestCluster cluster = await TestCluster.StartAsync(17850, silos: 1);
        string redis = cluster.RedisEndpoint.ToString();

        var run = Task.Run(() => SweepCli.Run("run", Path.Combine(specs, Specs.LongName + ".json"), "--redis", redis, "--progress-seconds", "1"));
        await WaitForLongCampaignAsync(cluster, s => s.BatchesDone > 0);
        await cluster.AddSilosAsync(2);
        CampaignStatus atKill = await WaitForLongCampaignAsync(cluster, s => true);
        Assert.True(atKill.BatchesDone < atKill.BatchesTotal * 3 / 4, $"the gateway must die early in the campaign ({atKill.BatchesDone} of {atKill.BatchesTotal} batches were done)");

        cluster.Kill(cluster.Silos[0]);
        SweepCli.Result result = await run.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(result.Code == 0, result.ToString());
        Assert.Contains("the cluster did not answer", result.Err, StringComparison.Ordinal);
        Assert.Contains($"batches: ", result.Out, StringComparison.Ordinal);
        AssertRunPrintedTheClusterTable(result, redis);
        Assert.Contains("finished", SweepCli.Run("list", "--redis", redis).Out, StringComparison.Ordinal);
        Directory.Delete(specs, recursive: true);
    }

    [DockerFact]
    public async Task Run_gives_up_after_the_outage_limit_when_the_cluster_stays_away()
    {
        string specs = SweepCli.SpecDirectory();
        await using TestCluster cluster = await TestCluster.StartAsync(17800, silos: 1);
        string redis = cluster.RedisEndpoint.ToString();

        var run = Task.Run(() => SweepCli.Run("run", Path.Combine(specs, Specs.LongName + ".json"), "--redis", redis, "--outage-seconds", "5"));
        await WaitForLongCampaignAsync(cluster, s => s.BatchesDone > 0);
        Assert.False(run.IsCompleted, "the run must still be following the campaign when the silo dies");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        cluster.Kill(cluster.Silos[0]);
        SweepCli.Result result = await run.WaitAsync(TimeSpan.FromMinutes(2));
        clock.Stop();

        Assert.True(result.Code == ClusterUnavailableException.ExitCode, result.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"gave up after {clock.Elapsed.TotalSeconds:F1} s");
        string last = result.Err.Trim().Split('\n')[^1];
        Assert.StartsWith("sweep run: following the campaign: the cluster did not answer for ", last, StringComparison.Ordinal);
        Assert.Contains("(limit 5 s, --outage-seconds)", last, StringComparison.Ordinal);
        Assert.Contains("run the command again once silos are up", last, StringComparison.Ordinal);
        Directory.Delete(specs, recursive: true);
    }

    /// <summary>The long campaign's status once <paramref name="until"/> holds, read through a connection of the test's own.</summary>
    private static async Task<CampaignStatus> WaitForLongCampaignAsync(TestCluster cluster, Func<CampaignStatus, bool> until)
    {
        await using RemoteCluster watcher = await cluster.ConnectAsync();
        var campaign = watcher.Grains.GetGrain<ICampaignGrain>(Specs.LongName);
        CampaignStatus? status = null;
        await TestCluster.WaitForAsync(
            async () =>
            {
                status = await campaign.GetStatus();
                return status.Exists && until(status);
            },
            TimeSpan.FromMinutes(1),
            $"campaign {Specs.LongName} to get there");
        return status!;
    }

    private static void AssertSameFiles(string expectedDir, string actualDir)
    {
        static string[] Files(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToArray();
        string[] expected = Files(expectedDir);
        Assert.Equal(expected, Files(actualDir));
        Assert.Contains(Path.Combine("points", "d1_alpha3_x0.001_N384.json"), expected);
        foreach (string file in expected)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expectedDir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, file))),
                $"exported {file} differs between local mode ({expectedDir}) and the cluster ({actualDir})");
        }
    }

    // The table a followed run prints at the end is the one the cluster serves afterwards.
    private static string AssertRunPrintedTheClusterTable(SweepCli.Result result, string redis)
    {
        string table = SweepCli.Run("table", Specs.LongName, "--redis", redis).Out;
        Assert.True(result.Out.Contains(table, StringComparison.Ordinal), $"the run's table differs from the cluster's:\n{table}\nrun printed:\n{result.Out}");
        return table;
    }
}
