using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Sweep.Grains.Hosting;

namespace Sweep.CapacityBench;

/// <summary>
/// A redis-server of the harness's own, on a free loopback port with a temporary directory. No
/// persistence (no RDB snapshots, no append-only file): the harness measures what the
/// orchestration asks of Redis, not disk writes, and a production Redis with an AOF adds its
/// fsync cost on top. maxmemory with noeviction makes Redis refuse writes rather than take the
/// machine's memory if the harness's clean-up falls behind.
/// </summary>
internal sealed class LocalRedis : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private LocalRedis(Process process, string dir, int port, ConnectionMultiplexer admin)
    {
        _process = process;
        _dir = dir;
        Port = port;
        Admin = admin;
    }

    public int Port { get; }

    /// <summary>A connection allowed INFO and FLUSHALL, used only by the harness.</summary>
    public ConnectionMultiplexer Admin { get; }

    public const string Persistence = "save \"\", appendonly no";

    public static async Task<LocalRedis> StartAsync(string executable, long maxMemoryBytes)
    {
        string dir = Directory.CreateTempSubdirectory("sweep-capacity-redis-").FullName;
        int port = LocalSilo.FreeLoopbackPort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dir,
            "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes",
            "--maxmemory", maxMemoryBytes.ToString(CultureInfo.InvariantCulture), "--maxmemory-policy", "noeviction",
            "--maxclients", "20000",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("redis: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous timeouts: at 10,000 slots on a starved 2-core machine the harness's own
        // continuations queue behind the silos' work for seconds, and a timed-out INFO would end the run.
        var options = new ConfigurationOptions { AllowAdmin = true, AbortOnConnectFail = false, ConnectRetry = 20, ClientName = "capacity-harness", AsyncTimeout = 60_000, SyncTimeout = 60_000 };
        options.EndPoints.Add("127.0.0.1", port);
        ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(options);
        for (int i = 0; i < 100 && !admin.IsConnected; i++)
        {
            await Task.Delay(100);
        }

        return new LocalRedis(process, dir, port, admin);
    }

    public IServer Server => Admin.GetServer("127.0.0.1", Port);

    /// <summary>The counters of INFO stats, memory, cpu and clients, by field name.</summary>
    public async Task<Dictionary<string, double>> InfoAsync()
    {
        var fields = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (IGrouping<string, KeyValuePair<string, string>> section in await Server.InfoAsync())
        {
            foreach ((string key, string value) in section)
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                {
                    fields[key] = number;
                }
            }
        }

        return fields;
    }

    public async ValueTask DisposeAsync()
    {
        await Admin.CloseAsync();
        Admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
