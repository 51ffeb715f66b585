using System.Diagnostics;
using System.Globalization;
using Sweep.Grains.Cluster;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A throw-away redis-server process on 127.0.0.1 (no persistence): for tests whose subject is
/// not Redis itself, where a container would only add the Docker engine as a requirement.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Endpoint = new RedisEndpoint("127.0.0.1", port);
    }

    public RedisEndpoint Endpoint { get; }

    /// <summary>The redis-server on the PATH, or null.</summary>
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "redis-server"))
        .FirstOrDefault(File.Exists);

    public static async Task<RedisServerProcess> StartAsync(int port)
    {
        string executable = Executable ?? throw new InvalidOperationException("no redis-server on the PATH");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no", "--dir", Path.GetTempPath() })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServerProcess(process, port);
        try
        {
            await TestCluster.WaitForAsync(async () => process.HasExited || await RedisProbe.CheckAsync(server.Endpoint, TimeSpan.FromSeconds(1)) is null, TimeSpan.FromSeconds(20), "redis-server to answer");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {port} exited with {process.ExitCode} (port in use?)");
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
