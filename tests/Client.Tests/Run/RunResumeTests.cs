using System.Text.RegularExpressions;

namespace Sweep.Client.Tests.Run;

/// <summary>`sweep run` as a real process: killed with SIGKILL part-way, rerun, and compared with an uninterrupted run.</summary>
public sealed partial class RunResumeTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    private readonly RunDirectory _dir = new("sweep-run-tests");

    public void Dispose() => _dir.Dispose();

    // One realization per batch, half of them of 256 spins at 200 times with the exact kernel
    // (about 20 ms each, a time that does not fall when the accelerated kernel gets faster):
    // about 6 s on one slot, so the run is still going when it is killed or interrupted after
    // its first stored batches, and after a second process was turned away.
    private const string Spec = """
        {
          "name": "resume",
          "seed": 11,
          "timePoints": 200,
          "batchSize": 1,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [8, 256], "Ns": 300, "observables": ["mag", "pur"] }
          ]
        }
        """;

    [Fact]
    public async Task Run_killed_part_way_and_rerun_stores_the_same_bits_as_an_uninterrupted_run()
    {
        string spec = Path.Combine(_dir.Root, "resume.json");
        await File.WriteAllTextAsync(spec, Spec);
        string straight = Path.Combine(_dir.Root, "straight");
        string resumed = Path.Combine(_dir.Root, "resumed");

        int total = await RunToTheEndAsync(spec, straight);
        int stored;
        using (var first = SweepProcess.Start("run", spec, "--data", resumed, "--slots", "1"))
        {
            await WaitForStoredBatchesAsync(first, resumed, 5);

            // While the first run holds the directory, a second must fail at once and say why.
            using (var second = SweepProcess.Start("run", spec, "--data", resumed, "--slots", "1"))
            {
                Assert.Equal(2, await second.WaitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains("is in use by another sweep process", second.Stderr, StringComparison.Ordinal);
                Assert.Equal(string.Empty, second.Stdout);
            }

            Assert.False(first.HasExited, "the first run ended before it could be killed part-way:\n" + first.Stdout);
            first.KillHard();
            stored = StoredCampaign.StoredBatches(resumed);
            Assert.InRange(stored, 5, total - 1);
        }

        // Only what the killed run had not stored is computed again, and everything it stored
        // (merged into its point or not) is counted as reused: the two add up to the total.
        (int computed, int reused) = await RerunAsync(spec, resumed);
        Assert.Equal(total - stored, computed);
        Assert.Equal(stored, reused);

        Assert.Equal(total, StoredCampaign.StoredBatches(resumed));
        StoredCampaign expected = await StoredCampaign.ReadAsync(straight, "resume");
        StoredCampaign actual = await StoredCampaign.ReadAsync(resumed, "resume");
        Assert.True(expected.Status.Finished && expected.Status.PointsFailed == 0);
        Assert.All(actual.Status.PointSummaries, p => Assert.Equal(p.RealizationsTarget, p.RealizationsDone));
        expected.AssertSameBits(actual);
    }

    [Fact]
    public async Task Ctrl_C_stops_with_exit_130_keeps_what_is_stored_and_the_rerun_computes_only_the_rest()
        => await StopsOnSignalAsync("INT", 130);

    // What Slurm (preemption, time limit), docker stop, Kubernetes and systemd send first.
    [Fact]
    public async Task SIGTERM_stops_within_15_s_with_exit_143_and_the_rerun_has_the_straight_runs_bits()
        => await StopsOnSignalAsync("TERM", 143);

    [Fact]
    public async Task SIGHUP_stops_like_Ctrl_C_with_exit_129()
        => await StopsOnSignalAsync("HUP", 129);

    private async Task StopsOnSignalAsync(string signal, int exitCode)
    {
        string spec = Path.Combine(_dir.Root, "resume.json");
        await File.WriteAllTextAsync(spec, Spec);
        string straight = Path.Combine(_dir.Root, "straight");
        string interrupted = Path.Combine(_dir.Root, "interrupted");

        int total = await RunToTheEndAsync(spec, straight);
        int said;
        using (var first = SweepProcess.StartInterruptible("run", spec, "--data", interrupted, "--slots", "1"))
        {
            await WaitForStoredBatchesAsync(first, interrupted, 5);
            Assert.False(first.HasExited, "the run ended before it could be interrupted:\n" + first.Stdout);
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            first.Signal(signal);
            Assert.Equal(exitCode, await first.WaitAsync(TimeSpan.FromMinutes(1)));
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"SIG{signal} took {stopping.Elapsed} to stop the run");
            Match stopped = StoppedLine().Match(first.Stdout);
            Assert.True(stopped.Success, first.Stdout);
            said = int.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        // Every batch the stopped run reported is in the store (merged into points or not), and
        // the run really stopped part-way.
        int stored = StoredCampaign.StoredBatches(interrupted);
        Assert.InRange(stored, Math.Max(5, said), total - 1);

        (int computed, int reused) = await RerunAsync(spec, interrupted);
        Assert.Equal(total - stored, computed);
        Assert.Equal(stored, reused);

        StoredCampaign expected = await StoredCampaign.ReadAsync(straight, "resume");
        StoredCampaign actual = await StoredCampaign.ReadAsync(interrupted, "resume");
        expected.AssertSameBits(actual);
    }

    /// <summary>Runs the campaign uninterrupted; the number of batches it stored.</summary>
    private static async Task<int> RunToTheEndAsync(string spec, string data)
    {
        using var run = SweepProcess.Start("run", spec, "--data", data, "--slots", "1");
        Assert.True(await run.WaitAsync(RunLimit) == 0, run.Stderr);
        return StoredCampaign.StoredBatches(data);
    }

    /// <summary>Runs the same command again to the end; the batches it says it computed and reused.</summary>
    private static async Task<(int Computed, int Reused)> RerunAsync(string spec, string data)
    {
        using var rerun = SweepProcess.Start("run", spec, "--data", data, "--slots", "1");
        Assert.True(await rerun.WaitAsync(RunLimit) == 0, rerun.Stderr);
        Match counts = BatchCounts().Match(rerun.Stdout);
        Assert.True(counts.Success, rerun.Stdout);
        return (int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitForStoredBatchesAsync(SweepProcess run, string data, int count)
    {
        var deadline = DateTime.UtcNow + RunLimit;
        while (StoredCampaign.StoredBatches(data) < count)
        {
            Assert.False(run.HasExited, $"sweep run exited before storing {count} batches:\n{run.Stdout}\n{run.Stderr}");
            Assert.True(DateTime.UtcNow < deadline, $"sweep run stored fewer than {count} batches within {RunLimit}");
            await Task.Delay(20);
        }
    }

    [GeneratedRegex(@"stopped: (\d+) of \d+ batches are stored .*; run the same command to resume")]
    private static partial Regex StoppedLine();

    [GeneratedRegex(@"batches: (\d+) computed in this run, (\d+) reused from storage")]
    private static partial Regex BatchCounts();
}
