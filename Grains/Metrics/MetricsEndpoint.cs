using System.Net;
using Prometheus;

namespace Sweep.Grains.Metrics;

/// <summary>
/// The Prometheus endpoint of a process (`sweep-silo --metrics-port`, `sweep run --metrics-port`):
/// prometheus-net's stand-alone server at http://ADDR:PORT/metrics, publishing the process's
/// .NET meters, the Sweep meter among them, and the runtime's. Loopback unless an address is given.
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    private readonly MetricServer _server;

    private MetricsEndpoint(MetricServer server, string url)
    {
        _server = server;
        Url = url;
    }

    public string Url { get; }

    /// <exception cref="ArgumentException">The port is out of range.</exception>
    /// <exception cref="HttpListenerException">The address or port cannot be bound.</exception>
    public static MetricsEndpoint Start(IPAddress listen, int port)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (port is < 1 or > 65535)
        {
            throw new ArgumentException($"must be 1 to 65535 (got {port})", nameof(port));
        }

        string host = listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen}]" : listen.ToString();
        var server = new MetricServer(host, port);
        server.Start();
        return new MetricsEndpoint(server, $"http://{host}:{port}/metrics");
    }

    public void Dispose() => _server.Dispose();
}
