using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweep.Grains.Batches;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// An in-process cluster whose silos are configured like production ones (the SQLite store
/// shared through one file, one compute slot each) but re-dispatch quickly, so lost work
/// comes back within a test's lifetime.
/// </summary>
public sealed class SweepCluster : IAsyncDisposable
{
    // Only a ceiling for a hung campaign: passing tests finish in seconds, so this never decides a result.
    private static readonly TimeSpan FinishDeadline = TimeSpan.FromMinutes(3);

    // Pools of silos already stopped keep their counts, so a campaign's total stays countable.
    private readonly List<ComputePool> _stoppedPools = new();

    private SweepCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <param name="configure">More silo configuration (a test's grain call filter).</param>
    public static Task<SweepCluster> StartAsync(string databasePath, short silos, Action<ISiloBuilder>? configure = null)
        => StartAsync(databasePath, silos, (_, silo) => configure?.Invoke(silo));

    /// <param name="configure">More silo configuration, given the silo's position in the order silos are configured (0, 1, ...).</param>
    public static async Task<SweepCluster> StartAsync(string databasePath, short silos, Action<int, ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new InProcessTestClusterBuilder(silos);
        int configured = 0;
        builder.ConfigureSilo((_, silo) =>
        {
            int index = Interlocked.Increment(ref configured) - 1;
            silo
                .AddSqliteGrainStorage(StorageSchema.Provider, o => o.DatabasePath = databasePath)
                .AddSqliteBatchResultStore(StorageSchema.Provider)
                .AddSweepCompute(c => c.Slots = 1, p => p.RedispatchPeriod = TimeSpan.FromSeconds(1));
            configure(index, silo);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new SweepCluster(cluster);
    }

    public ICampaignGrain Campaign(string name) => Client.GetGrain<ICampaignGrain>(name);

    /// <summary>Batches computed by every silo this cluster ever ran, stopped ones included.</summary>
    public long BatchesComputed => _stoppedPools.Concat(Cluster.Silos.Select(Pool)).Sum(p => p.BatchesComputed);

    /// <summary>The batch store as the first live silo sees it (every silo shares the file).</summary>
    public IBatchResultStore Batches => Cluster.Silos[0].ServiceProvider.GetRequiredService<IBatchResultStore>();

    public static ComputePool Pool(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<ComputePool>();

    /// <summary>Submits a spec and fails the test on a refusal.</summary>
    public async Task<SubmitResult> SubmitAsync(string specJson)
    {
        string name = Specs.NameOf(specJson);
        SubmitResult result = await Campaign(name).Submit(specJson);
        Assert.True(result.Error is null, result.Error);
        return result;
    }

    public async Task<CampaignStatus> WaitUntilFinishedAsync(string name)
        => await WaitUntilAsync(name, s => s.Finished, "finish");

    /// <summary>Polls the campaign's status until the condition holds; only a hang reaches the deadline.</summary>
    public async Task<CampaignStatus> WaitUntilAsync(string name, Func<CampaignStatus, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + FinishDeadline;
        while (true)
        {
            CampaignStatus status = await Campaign(name).GetStatus();
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"campaign '{name}' did not {what} within {FinishDeadline}: {status.BatchesDone}/{status.BatchesTotal} batches, " +
                    $"{status.PointsDone}/{status.Points} points; {await DescribeAsync(status)}");
            }

            await Task.Delay(20);
        }
    }

    // What a hung campaign is waiting for, so a failure says where the work went.
    private async Task<string> DescribeAsync(CampaignStatus status)
    {
        var (queued, leased) = await Client.GetGrain<IDispatcherGrain>(0).GetCounts();
        var points = new List<string>();
        foreach (PointSummary p in status.PointSummaries.Where(p => p.Status != PointStatus.Done))
        {
            PointSummary now = await Client.GetGrain<IGridPointGrain>(p.Key.GrainKey).GetSummary();
            points.Add($"{p.Key.GrainKey}: campaign sees {p.Status} {p.BatchesDone}/{p.BatchesTotal}, point says {now.Status} {now.BatchesDone}/{now.BatchesTotal}");
        }

        return $"dispatcher {queued} queued, {leased} leased; silos {string.Join(", ", Cluster.Silos.Select(s => s.SiloAddress))}; " + string.Join("; ", points);
    }

    /// <summary>Stops one silo gracefully, keeping its pool's count.</summary>
    public async Task StopSiloAsync(InProcessSiloHandle silo)
    {
        _stoppedPools.Add(Pool(silo));
        await Cluster.StopSiloAsync(silo);
    }

    /// <summary>Kills one silo without a shutdown; its compute threads run on until their next realization.</summary>
    public async Task KillSiloAsync(InProcessSiloHandle silo)
    {
        _stoppedPools.Add(Pool(silo));
        await Cluster.KillSiloAsync(silo);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }
}
