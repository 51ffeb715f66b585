using System.Net;
using Sweep.Client.Cli;
using Sweep.Grains.Metrics;

namespace Sweep.Client.Hosting;

/// <summary>`sweep run --metrics-port`: the in-process silo's Prometheus endpoint, on loopback.</summary>
internal static class MetricsHosting
{
    public static IDisposable Start(int port, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        try
        {
            MetricsEndpoint endpoint = MetricsEndpoint.Start(IPAddress.Loopback, port);
            stdout.WriteLine($"Prometheus metrics at {endpoint.Url}");
            return endpoint;
        }
        catch (HttpListenerException e)
        {
            throw UsageException.ForOption("--metrics-port", $"cannot listen on 127.0.0.1:{port}: {e.Message}");
        }
    }
}
