using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;
using Sweep.Grains.Batches;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;
using Sweep.Grains.Campaigns;
using Sweep.Grains.Cluster;

namespace Sweep.Grains.Hosting;

/// <summary>
/// The cluster-mode silo: Redis membership, Redis grain storage under the Sweep provider name,
/// Redis reminders for campaigns, and the compute pool. The standalone host and tests build
/// their silos with this one method so they cannot drift apart.
/// </summary>
public static class SweepClusterSiloBuilderExtensions
{
    public static ISiloBuilder UseSweepCluster(this ISiloBuilder builder, ClusterSiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        RedisEndpoint redis = settings.Redis;

        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        builder.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort);
        if (settings.Tls is { } tls)
        {
            builder.UseSweepTls(tls);
        }

        builder.UseRedisClustering(o => o.ConfigurationOptions = redis.ToConfigurationOptions());
        builder.Configure<ClusterMembershipOptions>(ClusterLiveness.Apply);

        // Same framed binary serializer as the SQLite store: states carry Int128 sums and sets
        // that the JSON default does not round-trip exactly, and every payload is checksummed.
        // Wired explicitly into the options so a change in how the provider looks serializers up
        // cannot silently switch to JSON.
        builder.Services.TryAddKeyedSingleton<IGrainStorageSerializer>(
            StorageSchema.Provider,
            static (services, _) => new EnvelopedStateSerializer(new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>())));
        builder.AddRedisGrainStorage(StorageSchema.Provider, options => options.Configure<IServiceProvider>((o, services) =>
        {
            o.ConfigurationOptions = redis.ToConfigurationOptions();
            o.GrainStorageSerializer = services.GetRequiredKeyedService<IGrainStorageSerializer>(StorageSchema.Provider);

            // A cleared state (a deleted campaign's) must leave no key behind: the provider's
            // default keeps it with empty data and an etag.
            o.DeleteStateOnClear = true;
        }));
        builder.Services.TryAddSingleton<BatchResultCodec>();
        builder.Services.AddSingleton<IBatchResultStore>(services => new RedisBatchResultStore(
            redis, settings.ServiceId, services.GetRequiredService<BatchResultCodec>()));

        builder.UseRedisReminderService(o => o.ConfigurationOptions = redis.ToConfigurationOptions());
        builder.Configure<ReminderOptions>(o =>
        {
            if (settings.ResumePeriod < o.MinimumReminderPeriod)
            {
                o.MinimumReminderPeriod = settings.ResumePeriod;
            }
        });

        builder.AddSweepCompute(compute =>
        {
            compute.Slots = settings.Slots;
            compute.MemoryPerSlotBytes = settings.MemoryPerSlot;
        });
        builder.Services.Configure<CampaignOptions>(o =>
        {
            o.DurableReminders = true;
            o.ReminderPeriod = settings.ResumePeriod;
        });
        return builder;
    }
}
