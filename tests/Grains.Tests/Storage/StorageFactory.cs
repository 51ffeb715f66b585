using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// Builds providers outside a silo, with the same Orleans serializer a silo would use for [GenerateSerializer] types.
/// </summary>
public static class StorageFactory
{
    private static readonly Lazy<IServiceProvider> Services = new(() =>
    {
        var services = new ServiceCollection();
        services.AddSerializer(serializer => serializer
            .AddAssembly(typeof(ProbeState).Assembly)
            .AddAssembly(typeof(BatchResultCodec).Assembly)
            .AddAssembly(typeof(Sweep.Grains.Interfaces.BatchResult).Assembly));
        return services.BuildServiceProvider();
    });

    /// <summary>What a silo stores states with: Orleans' binary serialization in the envelope.</summary>
    public static EnvelopedStateSerializer Serializer { get; } =
        new(new OrleansGrainStorageSerializer(Services.Value.GetRequiredService<Serializer>()));

    /// <summary>Orleans' binary serialization alone: how builds before the envelope stored states.</summary>
    public static IGrainStorageSerializer BareSerializer { get; } =
        new OrleansGrainStorageSerializer(Services.Value.GetRequiredService<Serializer>());

    public static IActivatorProvider Activators => Services.Value.GetRequiredService<IActivatorProvider>();

    public static BatchResultCodec BatchCodec { get; } = new(Services.Value.GetRequiredService<Serializer>());

    public static SqliteGrainStorage Create(string databasePath, string name = "test") =>
        new(
            name,
            new SqliteGrainStorageOptions { DatabasePath = databasePath, GrainStorageSerializer = Serializer },
            Services.Value.GetRequiredService<IActivatorProvider>(),
            NullLogger<SqliteGrainStorage>.Instance);
}
