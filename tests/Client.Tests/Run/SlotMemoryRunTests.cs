namespace Sweep.Client.Tests.Run;

/// <summary>
/// `sweep run --memory-per-slot` as a real process: a point whose batches need more memory per
/// slot than the run's slots have fails at once with one line naming what it needs, and the
/// other points finish; run again with bigger slots, it is computed.
/// </summary>
public sealed class SlotMemoryRunTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private readonly RunDirectory _dir = new("sweep-memory-tests");

    public void Dispose() => _dir.Dispose();

    // N = 8 needs about 0.3 MiB per slot; N = 1024 keeps about 4 MiB of packed couplings,
    // 0.5 MiB of near products (a window of 64 time points per spin) and the 0.25 MiB table of
    // near-pair cosines, 5.36 MiB in all.
    private const string Spec = """
        {
          "name": "memory",
          "seed": 5,
          "timePoints": 40,
          "batchSize": 4,
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [8, 1024], "Ns": 8, "observables": ["mag", "pur"] }
          ]
        }
        """;

    [Fact]
    public async Task A_point_too_big_for_the_slots_fails_with_one_line_and_the_others_finish()
    {
        string spec = Path.Combine(_dir.Root, "memory.json");
        await File.WriteAllTextAsync(spec, Spec);
        using var run = SweepProcess.Start("run", spec, "--data", Path.Combine(_dir.Root, "data"), "--slots", "1", "--memory-per-slot", "2MiB");
        Assert.True(await run.WaitAsync(RunLimit) == 1, run.Stdout + run.Stderr);

        string failed = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("FAILED ", StringComparison.Ordinal));
        Assert.StartsWith("FAILED memory/1/2/0.01/1024: no silo can hold its batches: N = 1024 in 1D at T = 40 with the", failed, StringComparison.Ordinal);
        Assert.Matches(@"needs 5\.\d+ MiB per compute slot, and the only active silo has 2 MiB per slot \(--memory-per-slot", failed);
        Assert.Contains("batches: 2 computed in this run, 0 reused from storage", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);

        // Run again with slots that can hold it, the failed point is computed and the rest reused.
        using var rerun = SweepProcess.Start("run", spec, "--data", Path.Combine(_dir.Root, "data"), "--slots", "1", "--memory-per-slot", "64MiB");
        Assert.True(await rerun.WaitAsync(RunLimit) == 0, rerun.Stdout + rerun.Stderr);
        Assert.DoesNotContain("FAILED", rerun.Stdout, StringComparison.Ordinal);
        Assert.Contains("batches: 2 computed in this run, 2 reused from storage", rerun.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("2GB")]
    [InlineData("512K")]
    public async Task A_bad_memory_per_slot_is_one_line_with_exit_2(string value)
    {
        string spec = Path.Combine(_dir.Root, "memory.json");
        await File.WriteAllTextAsync(spec, Spec);
        using var run = SweepProcess.Start("run", spec, "--data", Path.Combine(_dir.Root, "data"), "--memory-per-slot", value);
        Assert.Equal(2, await run.WaitAsync(RunLimit));
        string line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("--memory-per-slot", StringComparison.Ordinal));
        Assert.Contains($"'{value}' is not a size such as 2GiB or 512MiB", line, StringComparison.Ordinal);
    }
}
