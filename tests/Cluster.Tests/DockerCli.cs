using System.Diagnostics;

namespace Sweep.Cluster.Tests;

/// <summary>
/// The docker command line, for what Testcontainers has no call for: SIGKILL, restarting a
/// killed container in place, and removing leftovers by label (there is no Ryuk here).
/// </summary>
internal static class DockerCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(TimeSpan timeout, params string[] args) => Run(timeout, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables for the docker command itself: `docker run -e NAME` passes one on without showing its value on a command line.</param>
    public static Result Run(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOCKER_API_VERSION"] = "1.41";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start docker");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public static string Check(params string[] args)
    {
        Result r = Run(TimeSpan.FromSeconds(60), args);
        return r.ExitCode == 0 ? r.Output : throw new InvalidOperationException($"docker {string.Join(' ', args)} failed ({r.ExitCode}): {r.Error.Trim()}");
    }

    /// <summary>Logs of a container over all of its runs (a restarted container keeps its earlier output).</summary>
    public static string Logs(string id)
    {
        Result r = Run(TimeSpan.FromSeconds(60), "logs", id);
        return r.Output + r.Error;
    }

    /// <summary>Removes containers Testcontainers created and nobody removed (a crashed earlier run).</summary>
    public static void RemoveLeftovers()
    {
        string ids = Run(TimeSpan.FromSeconds(60), "ps", "-aq", "--filter", "label=org.testcontainers=true").Output;
        foreach (string id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Run(TimeSpan.FromSeconds(60), "rm", "-f", id);
        }
    }
}
