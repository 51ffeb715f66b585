using System.Text.Json;
using Sweep.Client.Hosting;
using Sweep.Client.Hosting.Local;

namespace Sweep.Client.Tests.Run;

/// <summary>
/// A local `sweep run` is a cluster of one: other commands reach it through its loopback
/// gateway while it lives, and read its store once it is gone, even when a crash left its
/// endpoint record behind.
/// </summary>
public sealed class LiveRunTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    // One realization per batch of 512 spins at 200 times with the exact kernel: about 24 s on one
    // slot, so the run is still going while the commands below talk to it. The exact kernel keeps
    // that time when the accelerated one gets faster (version 4 ran this spec in 5 s).
    private const string Spec = """
        {
          "name": "live",
          "seed": 5,
          "timePoints": 200,
          "batchSize": 1,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [512], "Ns": 400, "observables": ["mag", "pur"] }
          ]
        }
        """;

    private readonly RunDirectory _dir = new("sweep-live-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Status_and_cancel_reach_a_live_local_run_through_its_gateway()
    {
        string spec = await WriteSpecAsync();
        string data = Path.Combine(_dir.Root, "data");
        using var run = SweepProcess.Start("run", spec, "--data", data, "--slots", "1");
        await WaitForStoredBatchesAsync(run, data, 2);

        // The record names a loopback gateway and a per-run cluster id, for its owner only.
        string record = Path.Combine(data, LocalRunRecord.FileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(record));
        }

        using (JsonDocument doc = JsonDocument.Parse(await File.ReadAllTextAsync(record)))
        {
            Assert.StartsWith("127.0.0.1:", doc.RootElement.GetProperty("gateway").GetString(), StringComparison.Ordinal);
            string clusterId = doc.RootElement.GetProperty("cluster_id").GetString()!;
            Assert.StartsWith("sweep-local-", clusterId, StringComparison.Ordinal);
            Assert.True(clusterId.Length >= "sweep-local-".Length + 32, $"cluster id '{clusterId}' is guessable");
        }

        await using (ICampaignTarget target = await CampaignTargets.OpenAsync(new TargetOptions(data, null, null, null, null), TextWriter.Null, CancellationToken.None))
        {
            Assert.Contains("live run (pid", target.Description, StringComparison.Ordinal);
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["status", "live", "--data", data], stdout, stderr));
        Assert.Contains("campaign live: running", stdout.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"compute: 1 silo, [01]/1 slots busy, \d+\.\d\d batches/s over 10 s; dispatcher queue \d+ batches, \d+ leased", stdout.ToString());

        // The run's one silo and its slot, as the dispatcher sees them; the queue holds the rest
        // of the 400 one-realization batches.
        stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["status", "live", "--json", "--data", data], stdout, stderr));
        using (JsonDocument doc = JsonDocument.Parse(stdout.ToString()))
        {
            JsonElement cluster = doc.RootElement[0].GetProperty("cluster");
            Assert.True(cluster.GetProperty("running").GetBoolean());
            Assert.Equal(1, cluster.GetProperty("slots").GetInt32());
            Assert.InRange(cluster.GetProperty("slots_busy").GetInt32(), 0, 1);
            Assert.True(cluster.GetProperty("queued_batches").GetInt32() > 0, stdout.ToString());
            JsonElement silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
            Assert.Equal(1, silo.GetProperty("slots").GetInt32());
            Assert.False(string.IsNullOrEmpty(silo.GetProperty("name").GetString()));
            Assert.True(silo.GetProperty("batches_per_second").GetDouble() >= 0);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["cancel", "live", "--data", data], stdout, stderr));
        Assert.Contains("cancelled 'live'", stdout.ToString(), StringComparison.Ordinal);

        // The run sees the cancel in its next status poll and stops with the documented code.
        Assert.Equal(3, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"the run took {started.Elapsed} to stop after the cancel");
        Assert.Contains("cancelled:", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(record), "the run left its endpoint record behind");
    }

    [Fact]
    public async Task A_stale_endpoint_record_left_by_a_killed_run_is_ignored_and_the_store_is_used()
    {
        string spec = await WriteSpecAsync();
        string data = Path.Combine(_dir.Root, "data");
        using (var run = SweepProcess.Start("run", spec, "--data", data, "--slots", "1"))
        {
            await WaitForStoredBatchesAsync(run, data, 2);
            run.KillHard();
        }

        Assert.True(File.Exists(Path.Combine(data, LocalRunRecord.FileName)), "SIGKILL leaves the record behind");
        Assert.Null(LocalRunRecord.FindLive(DataDirectory.Resolve(data), TimeSpan.Zero));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["status", "live", "--data", data], stdout, stderr));
        Assert.Contains("campaign live: running", stdout.ToString(), StringComparison.Ordinal);

        // Cancel goes through the campaign grain in a short-lived silo on the store.
        stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["cancel", "live", "--data", data], stdout, stderr));
        Assert.Contains("cancelled 'live'", stdout.ToString(), StringComparison.Ordinal);
        stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["status", "live", "--data", data], stdout, stderr));
        Assert.Contains("campaign live: cancelled", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr.ToString());
    }

    private async Task<string> WriteSpecAsync()
    {
        string spec = Path.Combine(_dir.Root, "live.json");
        await File.WriteAllTextAsync(spec, Spec);
        return spec;
    }

    private static async Task WaitForStoredBatchesAsync(SweepProcess run, string data, int count)
    {
        var deadline = DateTime.UtcNow + RunLimit;
        while (StoredCampaign.StoredBatches(data) < count || !File.Exists(Path.Combine(data, LocalRunRecord.FileName)))
        {
            Assert.False(run.HasExited, $"sweep run exited before storing {count} batches:\n{run.Stdout}\n{run.Stderr}");
            Assert.True(DateTime.UtcNow < deadline, $"sweep run stored fewer than {count} batches within {RunLimit}");
            await Task.Delay(20);
        }
    }
}
