using System.Diagnostics;

namespace Sweep.Cluster.Tests;

/// <summary>
/// Whether the cluster tests can run here, and the settings Testcontainers needs on this kind
/// of machine. Outside CI a missing engine skips the tests with the reason; with CI=true it fails them.
/// </summary>
internal static class DockerEnvironment
{
    private static readonly Lazy<string?> ProblemValue = new(FindProblem);

    static DockerEnvironment()
    {
        // Debian's daemon speaks an older API than the client library's default, and Ryuk's
        // image cannot be pulled here (leftovers are removed by label instead). These must be
        // set before Testcontainers reads its settings, so every path into the tests comes here first.
        if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is null)
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", "1.41");
        }

        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
    }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the engine answers and the images exist; else why not.</summary>
    public static string? Problem => ProblemValue.Value;

    public static string SkipReason(string problem)
        => $"cluster tests need a Docker engine with the sweep-redis, sweep-silo and sweep-client images ({problem}); run scripts/provision-docker as root to set it up";

    /// <summary>Throws with the reason when Docker is unusable (the CI case; elsewhere such tests are skipped).</summary>
    public static void Require()
    {
        if (Problem is { } problem)
        {
            throw new InvalidOperationException(SkipReason(problem) + (InCi ? "; CI=true, so this is a failure" : string.Empty));
        }
    }

    private static string? FindProblem()
    {
        if (!File.Exists("/var/run/docker.sock"))
        {
            return "no /var/run/docker.sock";
        }

        try
        {
            if (DockerCli.Run(TimeSpan.FromSeconds(20), "info", "--format", "{{.ServerVersion}}") is { ExitCode: not 0 } info)
            {
                return "docker info failed: " + info.Error.Trim();
            }

            foreach (string image in new[] { "sweep-redis", "sweep-silo", "sweep-client" })
            {
                if (DockerCli.Run(TimeSpan.FromSeconds(20), "image", "inspect", image).ExitCode != 0)
                {
                    return $"image {image} is missing";
                }
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException)
        {
            return "the docker command failed: " + e.Message;
        }

        return null;
    }
}
