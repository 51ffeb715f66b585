using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Sweep.Client.Tests.Run;

/// <summary>`sweep run --metrics-port`: the in-process silo's Prometheus endpoint on loopback, counting while the run computes.</summary>
public sealed partial class MetricsEndpointTests : IDisposable
{
    // The exact kernel: 2000 realizations of 384 spins outlast the polls below on a loaded
    // machine whatever the accelerated kernel's speed; the run is interrupted once they have seen it.
    private const string Spec = """
        {
          "name": "metered",
          "seed": 2,
          "timePoints": 100,
          "batchSize": 1,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [384], "Ns": 2000, "observables": ["mag", "pur"] }
          ]
        }
        """;

    private readonly RunDirectory _dir = new("sweep-metrics-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_local_run_serves_its_silos_metrics_while_it_computes()
    {
        string spec = Path.Combine(_dir.Root, "metered.json");
        await File.WriteAllTextAsync(spec, Spec);
        int port = FreePort();
        using var run = SweepProcess.StartInterruptible("run", spec, "--data", Path.Combine(_dir.Root, "data"), "--slots", "1", "--metrics-port", port.ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri($"http://127.0.0.1:{port}/metrics");

        string metrics = string.Empty;
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && !(Sample(metrics, "sweep_batches_computed") >= 2 && Sample(metrics, "sweep_dispatcher_queued") > 0))
        {
            Assert.False(run.HasExited, $"the run ended first:\n{run.Stdout}\n{run.Stderr}");
            await Task.Delay(500);
            try
            {
                metrics = await http.GetStringAsync(url);
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the silo is starting.
            }
        }

        Assert.True(Sample(metrics, "sweep_batches_computed") >= 2, $"no batches counted:\n{metrics}");
        Assert.Equal(1, Sample(metrics, "sweep_slots"));
        Assert.InRange(Sample(metrics, "sweep_slots_busy_ratio")!.Value, 0, 1);
        Assert.True(Sample(metrics, "sweep_realizations_computed") >= Sample(metrics, "sweep_batches_computed"));
        Assert.True(Sample(metrics, "sweep_store_writes") >= 1, $"no store write counted:\n{metrics}");
        Assert.True(Sample(metrics, "sweep_dispatcher_queued") > 0);
        Assert.NotNull(Sample(metrics, "sweep_points_done{campaign=\"metered\"}"));
        run.Interrupt();
        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_port_out_of_range_is_one_line_naming_the_option()
    {
        string spec = Path.Combine(_dir.Root, "metered.json");
        await File.WriteAllTextAsync(spec, Spec);
        using var run = SweepProcess.Start("run", spec, "--data", Path.Combine(_dir.Root, "data"), "--metrics-port", "70000");
        Assert.Equal(2, await run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("--metrics-port", run.Stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double? Sample(string metrics, string sample)
    {
        Match m = Regex.Match(metrics, "^" + Regex.Escape(sample) + " ([^ \\n]+)$", RegexOptions.Multiline);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }
}
