using System.Diagnostics;

namespace Sweep.Cluster.Tests;

/// <summary>Debian's docker-compose (v1) binary, run on the repository's compose file.</summary>
internal static class DockerComposeCli
{
    public const string Binary = "docker-compose";

    private static readonly Lazy<string?> ProblemValue = new(FindProblem);

    /// <summary>Null when Docker is usable and docker-compose runs; else why not.</summary>
    public static string? Problem => DockerEnvironment.Problem ?? ProblemValue.Value;

    public static DockerCli.Result Run(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOCKER_API_VERSION"] = "1.41";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Binary}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Binary} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }

        return new DockerCli.Result(process.ExitCode, output.Result, error.Result);
    }

    private static string? FindProblem()
    {
        try
        {
            return Run(TimeSpan.FromSeconds(30), "version") is { ExitCode: not 0 } r ? $"{Binary} version failed: {r.Error.Trim()}" : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException)
        {
            return $"no usable {Binary} binary: {e.Message}";
        }
    }
}
