using Sweep.Grains.Interfaces;

namespace Sweep.Client.Tests.Run;

/// <summary>`sweep run` on a disk that fills up: it stops cleanly, and resumes once there is room.</summary>
public sealed class FullDiskTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    private readonly RunDirectory _dir = new("sweep-full-disk-tests");

    public void Dispose() => _dir.Dispose();

    // 120 batches of one realization at 200 times, two 64 kB pages each in the store: about
    // 16 MB, twice the 8 MB mount, while submitting its two points takes a few pages.
    private const string Spec = """
        {
          "name": "full",
          "seed": 5,
          "timePoints": 200,
          "batchSize": 1,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [8, 16], "Ns": 60, "observables": ["mag", "pur"] }
          ]
        }
        """;

    [TmpfsFact]
    public async Task A_full_disk_stops_the_run_with_exit_7_and_the_rerun_after_growing_it_has_the_straight_runs_bits()
    {
        string spec = Path.Combine(_dir.Root, "full.json");
        await File.WriteAllTextAsync(spec, Spec);
        string straight = Path.Combine(_dir.Root, "straight");
        using (var run = SweepProcess.Start("run", spec, "--data", straight, "--slots", "1"))
        {
            Assert.True(await run.WaitAsync(RunLimit) == 0, run.Stderr);
        }

        string mount = Path.Combine(_dir.Root, "M");
        Directory.CreateDirectory(mount);
        Tmpfs.Mount(mount, "8M");
        try
        {
            using (var full = SweepProcess.Start("run", spec, "--data", mount, "--slots", "1"))
            {
                Assert.Equal(ExitCodes.DiskFull, await full.WaitAsync(RunLimit));
                string[] lines = full.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Contains(lines, l => l.StartsWith($"sweep run: warning: {mount} has", StringComparison.Ordinal));
                string stop = Assert.Single(lines, l => l.StartsWith($"sweep run: {mount}: the disk is full", StringComparison.Ordinal));
                Assert.StartsWith($"sweep run: {mount}: the disk is full (SQLite error 13", stop, StringComparison.Ordinal);
                Assert.Matches(@"; \d+ of 120 batches are stored .*run the same command to resume$", stop);
            }

            Tmpfs.Resize(mount, "200M");
            using (var rerun = SweepProcess.Start("run", spec, "--data", mount, "--slots", "1"))
            {
                Assert.True(await rerun.WaitAsync(RunLimit) == 0, rerun.Stderr);
            }

            StoredCampaign expected = await StoredCampaign.ReadAsync(straight, "full");
            StoredCampaign actual = await StoredCampaign.ReadAsync(mount, "full");
            Assert.Equal(120, actual.Status.BatchesDone);
            expected.AssertSameBits(actual);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Tmpfs.Unmount(mount);
        }
    }
}
