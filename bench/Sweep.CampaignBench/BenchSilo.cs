using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Campaigns;
using Sweep.Client.Hosting.Local;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.CampaignBench;

/// <summary>
/// One in-process local-mode silo on a fresh SQLite store, kept for every round: each round
/// submits the spec under a new campaign name, so nothing is reused from storage, while the
/// silo's code is as warm as the direct reference's. A silo started per round would pay its
/// start-up JIT again every round (new service provider, new dynamic methods), which the direct
/// side does not; `sweep run` pays it once per process, reported separately as the first round.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    // How often `sweep run` asks for the campaign's status while following it (RunCommand).
    private static readonly TimeSpan StatusPeriod = TimeSpan.FromMilliseconds(500);

    private readonly IHost _host;
    private readonly string _dir;
    private readonly FileStream? _runLock;

    private BenchSilo(IHost host, string dir, FileStream? runLock)
    {
        _host = host;
        _dir = dir;
        _runLock = runLock;
    }

    /// <summary>The silo's data directory (its store, and with a gateway its run record).</summary>
    public string Directory => _dir;

    /// <param name="gateway">
    /// Opens a gateway, holds the directory's lock and records the gateway in it as `sweep run`
    /// does, so that a dashboard in this process reaches the silo the way `sweep run --dashboard`
    /// does (`--dashboard`). Without the lock a reader takes the directory for a stopped store
    /// and reads the whole SQLite file on every status read instead of asking the grains.
    /// </param>
    public static async Task<BenchSilo> StartAsync(int slots, int? leaseAhead, bool gateway = false)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("sweep-bench-").FullName;
        string clusterId = LocalSilo.NewClusterId();
        int gatewayPort = gateway ? LocalSilo.FreeLoopbackPort() : 0;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseSweepLocalMode(Path.Combine(dir, "sweep.db"), slots, c => c.LeaseAhead = leaseAhead ?? c.LeaseAhead, clusterId, gatewayPort));
        IHost host = builder.Build();
        await host.StartAsync();
        FileStream? runLock = null;
        if (gateway)
        {
            runLock = DataDirectory.Resolve(dir).Lock();
            new LocalRunRecord(Environment.ProcessId, new IPEndPoint(IPAddress.Loopback, gatewayPort), clusterId, LocalSilo.ServiceId, DateTimeOffset.UtcNow).Write(DataDirectory.Resolve(dir));
        }

        return new BenchSilo(host, dir, runLock);
    }

    /// <summary>The campaign name of a round.</summary>
    public static string CampaignName(CampaignSpec spec, int round) => $"{spec.Name}-round{round}";

    /// <summary>
    /// Wall and process CPU seconds from submission to the finished campaign, the batch
    /// computations' seconds in between, and the tail: seconds from the last computed batch
    /// (to within the 20 ms poll) to the finished campaign, i.e. the last fits and tables.
    /// The campaign is followed like `sweep run` follows it (its status every 500 ms); the end
    /// is the campaign's own finish time, so the half-second poll does not blur the wall time.
    /// </summary>
    public async Task<(double Wall, double Cpu, double ComputeSeconds, double Tail)> RunAsync(CampaignSpec spec, int round)
    {
        var pool = _host.Services.GetRequiredService<ComputePool>();
        var grains = _host.Services.GetRequiredService<IGrainFactory>();
        // The previous rounds' campaigns and points stay activated (idle grains are collected
        // only after minutes), and each round would carry a larger live heap into its
        // collections than the last: deactivate them, so every round starts like `sweep run`
        // on a new campaign, only with the JIT warm.
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        CampaignOverhead.Settle();
        var campaign = grains.GetGrain<ICampaignGrain>(CampaignName(spec, round));
        double compute0 = pool.ComputeSeconds;
        double cpu0 = CampaignOverhead.ProcessCpuSeconds();
        DateTimeOffset start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        // The slots idle until the first batch is leased: the campaign's start-up latency.
        Task<double> firstStart = Task.Run(async () =>
        {
            while (pool.Idle && clock.Elapsed < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(1);
            }

            return clock.Elapsed.TotalSeconds;
        });
        SubmitResult submitted = await campaign.Submit(CampaignSpecJson.Write(spec with { Name = CampaignName(spec, round) }));
        if (submitted.Error is not null)
        {
            throw new InvalidOperationException(submitted.Error);
        }

        double submittedAfter = clock.Elapsed.TotalSeconds;

        // The compute pool is a local object: watching its counter every 20 ms costs the silo
        // nothing, unlike asking the campaign grain for its status that often (an earlier version
        // of this bench did, 50 times a second, and its status aggregation over 840 points was
        // about 1% of the grains' CPU, a load `sweep run` does not have).
        long computed = pool.BatchesComputed;
        double lastComputed = 0;
        TimeSpan nextStatus = TimeSpan.Zero;
        CampaignStatus status;
        while (true)
        {
            if (clock.Elapsed >= nextStatus)
            {
                status = await campaign.GetStatus();
                if (status.Finished)
                {
                    break;
                }

                nextStatus = clock.Elapsed + StatusPeriod;
            }

            await Task.Delay(20);
            if (pool.BatchesComputed != computed)
            {
                computed = pool.BatchesComputed;
                lastComputed = clock.Elapsed.TotalSeconds;
            }
        }

        double cpu = CampaignOverhead.ProcessCpuSeconds() - cpu0;
        double firstStarted = await firstStart;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  grains run: submission returned after {submittedAfter:F2} s, first batch started after {firstStarted:F3} s"));
        double wall = status.FinishedAt is { } finished ? (finished - start).TotalSeconds : clock.Elapsed.TotalSeconds;
        return (wall, cpu, pool.ComputeSeconds - compute0, wall - lastComputed);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_runLock is not null)
        {
            await _runLock.DisposeAsync();
        }

        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
