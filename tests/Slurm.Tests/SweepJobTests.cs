using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sweep.Slurm.Tests;

/// <summary>
/// deploy/slurm/sweep.sbatch on a real Slurm (scripts/provision-slurm): a job runs a campaign to
/// a local run's bits, and a job that Slurm stops (scancel, the time limit) is resumed by the same
/// submission, computing nothing twice.
/// </summary>
public sealed partial class SweepJobTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(6);

    [SlurmFact]
    public async Task A_job_runs_the_campaign_and_exports_the_local_runs_bits()
    {
        string spec = Campaigns.Write(Campaigns.Small, "slurm-small");
        string expected = LocalRun.Export(spec);

        string work = Scratch.Directory("work");
        SlurmJob job = SlurmJob.Submit(spec, work, "--time=10");
        (string state, string exit) = await job.WaitAsync(JobTimeout);

        Assert.True(state == "COMPLETED", $"job {job.Id} ended {state} ({exit}):\n{job.Output}");
        LocalRun.AssertSameCsv(expected, Path.Combine(work, "results", "slurm-small"));
        AssertSecretKept(job);
    }

    [SlurmFact]
    public async Task A_cancelled_job_stops_its_silos_within_slurms_grace_and_a_resubmission_resumes_to_the_same_bits()
    {
        string spec = Campaigns.Write(Campaigns.Long("slurm-cancel", 3000), "slurm-cancel");
        string expected = LocalRun.Export(spec);
        string work = Scratch.Directory("work");

        SlurmJob first = SlurmJob.Submit(spec, work, "--time=10");
        int storedBefore = await WaitForStoredBatchesAsync(first, "slurm-cancel", atLeast: 30);
        Tool.Result cancel = Tool.Run("scancel", [first.Id], TimeSpan.FromSeconds(30));
        Assert.True(cancel.ExitCode == 0, cancel.Error);
        (string state, _) = await first.WaitAsync(JobTimeout);
        Assert.Equal("CANCELLED", state);
        // scancel signals Redis, the silos and the client at once, so a silo may find Redis gone
        // before it has handed back its batches; either way it must leave by itself, before Slurm's SIGKILL.
        Assert.True(
            first.Output.Contains("stopped gracefully", StringComparison.Ordinal) || first.Output.Contains("sweep-silo: still stopping", StringComparison.Ordinal),
            $"the silo did not log its own exit after scancel:\n{first.Output}");

        SlurmJob second = SlurmJob.Submit(spec, work, "--time=10");
        (string secondState, string secondExit) = await second.WaitAsync(JobTimeout);
        Assert.True(secondState == "COMPLETED", $"the resubmitted job ended {secondState} ({secondExit}):\n{second.Output}");
        AssertResumed(second, storedBefore, total: 600);
        LocalRun.AssertSameCsv(expected, Path.Combine(work, "results", "slurm-cancel"));
    }

    [SlurmFact]
    public async Task A_job_at_its_time_limit_stops_before_it_and_a_resubmission_resumes_to_the_same_bits()
    {
        // 1500 batches; on one slot about 170 s, well past the first job's warning.
        string spec = Campaigns.Write(Campaigns.Long("slurm-limit", 7500), "slurm-limit");
        string expected = LocalRun.Export(spec);
        string work = Scratch.Directory("work");

        // Slurm may send the warning up to 60 s before the time it was asked for (its event
        // resolution), so a one-minute job asking for 30 s could be warned at its first second,
        // before anything is stored. Two minutes with 30 s asked for puts the warning 30 to 90 s
        // in. One slot keeps the campaign running past that on a fast machine; the resubmission
        // uses two, and a different slot count must not change the bits.
        SlurmJob first = SlurmJob.Submit(spec, work, slots: 1, "--time=2", "--signal=B:TERM@30");
        (string state, string exit) = await first.WaitAsync(JobTimeout);
        Assert.True(state is "FAILED" or "TIMEOUT", $"the time-limited job ended {state} ({exit}):\n{first.Output}");
        Assert.Contains("SIGTERM: stopping", first.Output, StringComparison.Ordinal);
        int storedBefore = StoredInLog(first.Output);
        Assert.True(storedBefore > 0, $"the time-limited job stored nothing before its warning, so there is nothing to resume:\n{first.Output}");

        SlurmJob second = SlurmJob.Submit(spec, work, "--time=10");
        (string secondState, string secondExit) = await second.WaitAsync(JobTimeout);
        Assert.True(secondState == "COMPLETED", $"the resubmitted job ended {secondState} ({secondExit}):\n{second.Output}");
        AssertResumed(second, storedBefore, total: 1500);
        LocalRun.AssertSameCsv(expected, Path.Combine(work, "results", "slurm-limit"));
    }

    private static async Task<int> WaitForStoredBatchesAsync(SlurmJob job, string campaign, int atLeast)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.DoesNotContain(job.Show().State, new[] { "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT" });
            Tool.Result status = job.Status(campaign);
            if (status.ExitCode == 0)
            {
                using JsonDocument doc = JsonDocument.Parse(status.Output);
                int stored = doc.RootElement[0].GetProperty("batches_stored").GetInt32();
                if (stored >= atLeast)
                {
                    return stored;
                }
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"job {job.Id} stored fewer than {atLeast} batches in 3 minutes:\n{job.Output}");
    }

    /// <summary>The resumed job computed only what was missing: computed + reused is the total, and it reused at least what was stored before.</summary>
    private static void AssertResumed(SlurmJob job, int storedBefore, int total)
    {
        Match summary = BatchesLine().Match(job.Output);
        Assert.True(summary.Success, $"no batches line in the job's output:\n{job.Output}");
        int computed = int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int reused = int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total, computed + reused);
        Assert.True(reused >= storedBefore, $"reused {reused} batches, but {storedBefore} were stored before the stop");
        Assert.True(computed < total, $"the resubmitted job computed everything again:\n{job.Output}");
    }

    private static int StoredInLog(string output)
    {
        Match m = StoppedLine().Match(output);
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The per-job Redis password is on no line of the job's output and not on any command line.</summary>
    private static void AssertSecretKept(SlurmJob job)
    {
        string password = File.ReadAllText(Path.Combine(job.WorkDir, "redis.password")).Trim();
        Assert.True(password.Length >= 32, "the job's Redis password is too short");
        Assert.DoesNotContain(password, job.Output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(job.WorkDir, "redis.password")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(job.WorkDir, "redis.conf")));
    }

    [GeneratedRegex(@"batches: (\d+) computed in this run, (\d+) reused from storage")]
    private static partial Regex BatchesLine();

    [GeneratedRegex(@"stopped following: (\d+) of \d+ batches are stored")]
    private static partial Regex StoppedLine();
}
