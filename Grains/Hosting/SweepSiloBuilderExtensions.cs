using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sweep.Grains.Campaigns;
using Sweep.Grains.Compute;
using Sweep.Grains.Dispatch;
using Sweep.Grains.Points;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Hosting;

/// <summary>
/// Registers what every Sweep silo runs: its compute pool, the worker that feeds it, and grain
/// options. The batch store comes with the silo's storage (local or cluster mode).
/// </summary>
public static class SweepSiloBuilderExtensions
{
    public static ISiloBuilder AddSweepCompute(this ISiloBuilder builder, Action<ComputeOptions>? compute = null, Action<PointOptions>? points = null, Action<DispatcherOptions>? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ComputeOptions>().Configure(o => compute?.Invoke(o));
        builder.Services.AddOptions<PointOptions>().Configure(o => points?.Invoke(o));
        builder.Services.AddOptions<DispatcherOptions>().Configure(o => dispatcher?.Invoke(o));
        builder.Services.AddOptions<CampaignOptions>();
        builder.Services.AddSingleton<DiskFullFault>();
        // Kept if registered before (the capacity harness's synthetic computation).
        builder.Services.TryAddSingleton<IBatchComputation, PhysicsBatchComputation>();
        builder.Services.AddSingleton<ComputePool>();
        builder.Services.AddSingleton<WorkAvailableSignal>();
        builder.Services.AddHostedService<ComputeWorker>();
        builder.Services.AddHostedService<Metrics.SiloGauges>();
        return builder;
    }
}
