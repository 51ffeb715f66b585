using System.Globalization;
using System.Net;
using Sweep.Client.Cli;
using Sweep.Client.Dashboard;
using Sweep.Client.Hosting;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep dashboard`: serves the web dashboard for the campaigns a command would read (a
/// cluster with --redis, a live local run, or a stopped store) until Ctrl-C or SIGTERM.
/// `sweep run --dashboard` serves the same beside the run.
/// </summary>
internal static class DashboardCommand
{
    public const int DefaultPort = 8787;

    public static async Task<int> RunAsync(DashboardOptions options, TargetOptions target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using DashboardServer server = await StartAsync(options, target, stdout, stderr, cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            stdout.WriteLine("dashboard stopped");
        }

        return CommandLine.ExitInterrupted;
    }

    /// <summary>Starts the dashboard and prints where it answers (and the control token, if control is allowed).</summary>
    /// <param name="calibration">`sweep run`'s per-point prices for the ETA (<see cref="Estimate.PointCalibration"/>); null for `sweep dashboard`.</param>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, TargetOptions target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, Task<IReadOnlyDictionary<Physics.Points.GridPoint, double>?>? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        IPAddress listen = ParseListen(options.Listen);
        int port = options.Port ?? DefaultPort;
        if (port is < 0 or > 65535)
        {
            throw UsageException.ForOption("--port", string.Create(CultureInfo.InvariantCulture, $"must be 0 (any free port) to 65535 (got {port})"));
        }

        var reads = new DashboardReads(ct => CampaignTargets.OpenAsync(target, stderr, ct), calibration);
        DashboardServer server;
        try
        {
            server = await DashboardServer.StartAsync(reads, listen, port, options.AllowControl, cancellationToken);
        }
        catch
        {
            await reads.DisposeAsync();
            throw;
        }

        stdout.WriteLine($"dashboard: {server.Url} (read-only{(server.Token is null ? string.Empty : "; cancel allowed with the control token")})");
        if (server.Token is { } token)
        {
            stdout.WriteLine($"dashboard control token: {token}");
        }

        if (!IPAddress.IsLoopback(listen))
        {
            stderr.WriteLine($"sweep: the dashboard listens on {listen}: anyone who can reach this port can read every campaign");
        }

        return server;
    }

    private static IPAddress ParseListen(string? given)
    {
        if (given is null)
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(given, out IPAddress? address)
            ? address
            : throw UsageException.ForOption("--listen", $"must be an IP address to bind, e.g. 127.0.0.1 or 0.0.0.0 (got '{given}')");
    }
}

/// <summary>Where the dashboard listens and whether it may cancel campaigns.</summary>
internal sealed record DashboardOptions(int? Port, string? Listen, bool AllowControl);
