using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Sweep.Grains.Batches;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Storage;

/// <summary>
/// Registers <see cref="SqliteGrainStorage"/> on a silo.
/// </summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds a SQLite grain storage provider that <c>[PersistentState("state", name)]</c> resolves.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        // Orleans' binary serializer rather than the silo's JSON default (stored states carry
        // Int128 sums and sets that Newtonsoft JSON does not round-trip exactly), framed and
        // checksummed like every stored payload.
        builder.Services.TryAddKeyedSingleton<IGrainStorageSerializer>(
            name, static (services, _) => new EnvelopedStateSerializer(new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>())));
        // Fills GrainStorageSerializer from DI (a serializer keyed by the provider name, else the
        // silo default) the same way Orleans' bundled providers do, so state types need only [GenerateSerializer].
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<
            IPostConfigureOptions<SqliteGrainStorageOptions>,
            DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>());

        // Orleans' helper registers the keyed IGrainStorage, aliases it as the unkeyed default when
        // the name is "Default", and hooks ILifecycleParticipant<ISiloLifecycle> implementers into startup.
        builder.Services.AddGrainStorage(name, static (services, providerName) =>
            ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
                services,
                providerName,
                services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName)));
        return builder;
    }

    /// <summary>
    /// Keeps batch results (<see cref="IBatchResultStore"/>) in the file of the SQLite grain
    /// storage provider <paramref name="providerName"/>, sharing its write queue.
    /// </summary>
    public static ISiloBuilder AddSqliteBatchResultStore(this ISiloBuilder builder, string providerName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        builder.Services.TryAddSingleton<BatchResultCodec>();
        builder.Services.AddSingleton<IBatchResultStore>(services => new SqliteBatchResultStore(
            (SqliteGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(providerName),
            services.GetRequiredService<BatchResultCodec>()));
        return builder;
    }

    /// <summary>
    /// Adds a SQLite grain storage provider used by grains that name no storage provider.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder,
        Action<SqliteGrainStorageOptions> configure)
        => builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);
}
