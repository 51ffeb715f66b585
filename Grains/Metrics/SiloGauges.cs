using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Metrics;

/// <summary>
/// The operators' numbers of one silo (System.Diagnostics.Metrics, exported for Prometheus by
/// <see cref="MetricsEndpoint"/>): batches and realizations computed (counters; their rate is
/// the throughput), its store writes and their time, the busy share of its slots, and, read from the grains every
/// <see cref="Period"/>, the dispatcher's queue and every campaign's points done and failed
/// (cluster-wide values: every silo reports the same).
/// </summary>
public sealed class SiloGauges : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private readonly ComputePool _pool;
    private readonly IGrainFactory _grains;
    private readonly ILogger<SiloGauges> _logger;
    /// <summary>The meter's name, the prefix of every exported metric (sweep_...).</summary>
    public const string MeterName = "Sweep";

    private readonly Meter _meter = new(MeterName);
    private volatile Snapshot _last = new(0, 0, []);

    public SiloGauges(ComputePool pool, IGrainFactory grains, ILogger<SiloGauges> logger)
    {
        _pool = pool;
        _grains = grains;
        _logger = logger;
        // Its own meter, disposed with the silo: silos hosted side by side (tests) keep theirs apart.
        Meter m = _meter;
        m.CreateObservableCounter("batches_computed", () => _pool.BatchesComputed, "{batch}", "batches computed by this silo's slots");
        m.CreateObservableCounter("realizations_computed", () => _pool.RealizationsComputed, "{realization}", "realizations computed by this silo's slots");
        m.CreateObservableCounter("compute_seconds", () => _pool.ComputeSeconds, "s", "slot-seconds spent computing batches on this silo");
        m.CreateObservableCounter("store_writes", () => _pool.StoreWrites.Writes, "{batch}", "batch results this silo wrote to the store");
        m.CreateObservableCounter("store_write_seconds", () => _pool.StoreWrites.Seconds, "s", "seconds those writes took in all (their rate over store_writes' is the mean write latency)");
        m.CreateObservableGauge("slots", () => _pool.Slots, "{slot}", "compute slots of this silo");
        m.CreateObservableGauge("slots_busy_ratio", () => (double)_pool.SlotsBusy / _pool.Slots, "1", "share of this silo's slots computing now, 0 to 1");
        m.CreateObservableGauge("dispatcher_queued", () => _last.Queued, "{batch}", "batches waiting in the dispatcher's queue (cluster-wide)");
        m.CreateObservableGauge("dispatcher_leased", () => _last.Leased, "{batch}", "batches leased to silos (cluster-wide)");
        m.CreateObservableGauge("points_done", () => _last.Campaigns.Select(c => new Measurement<int>(c.Done, new KeyValuePair<string, object?>("campaign", c.Name))), "{point}", "points finished with a result, per campaign");
        m.CreateObservableGauge("points_failed", () => _last.Campaigns.Select(c => new Measurement<int>(c.Failed, new KeyValuePair<string, object?>("campaign", c.Name))), "{point}", "points failed, per campaign");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                (int queued, int leased) = await _grains.GetGrain<IDispatcherGrain>(0).GetCounts();
                var campaigns = new List<CampaignPoints>();
                foreach (string name in await _grains.GetGrain<ICampaignDirectoryGrain>(0).GetNames())
                {
                    CampaignStatus s = await _grains.GetGrain<ICampaignGrain>(name).GetStatus();
                    campaigns.Add(new CampaignPoints(name, s.PointsDone, s.PointsFailed));
                }

                _last = new Snapshot(queued, leased, campaigns);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The gauges keep their last values; the next period tries again.
                _logger.LogDebug(e, "could not read the cluster's gauges");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    private sealed record CampaignPoints(string Name, int Done, int Failed);

    private sealed record Snapshot(int Queued, int Leased, IReadOnlyList<CampaignPoints> Campaigns);
}
