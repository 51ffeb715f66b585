namespace Sweep.Slurm.Tests;

/// <summary>
/// Whether a Slurm node is up here (scripts/provision-slurm starts one as root). Outside CI its
/// absence skips the tests with the reason; with CI=true it fails them: CI must really run them.
/// </summary>
internal static class SlurmEnvironment
{
    private static readonly Lazy<string?> ProblemValue = new(FindProblem);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Problem => ProblemValue.Value;

    public static string SkipReason(string problem)
        => $"Slurm tests need a running one-node Slurm with redis-server ({problem}); run scripts/provision-slurm as root to set it up";

    private static string? FindProblem()
    {
        foreach (string tool in new[] { "sbatch", "squeue", "scontrol", "scancel", "sinfo", "redis-server", "redis-cli" })
        {
            if (!Tool.Exists(tool))
            {
                return $"{tool} is not installed";
            }
        }

        Tool.Result sinfo = Tool.Run("sinfo", ["-h", "-o", "%T"], TimeSpan.FromSeconds(20));
        if (sinfo.ExitCode != 0)
        {
            return "sinfo failed: " + sinfo.Error.Trim();
        }

        string[] states = sinfo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return states.Any(s => s is "idle" or "mixed" or "allocated") ? null : $"no node is up (sinfo: {string.Join(", ", states)})";
    }
}

/// <summary>A test against the real Slurm: skipped with the reason when there is none, except in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (SlurmEnvironment.Problem is { } problem && !SlurmEnvironment.InCi)
        {
            Skip = SlurmEnvironment.SkipReason(problem);
        }
    }
}
