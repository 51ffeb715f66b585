using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// Builds providers outside a silo, with the same Orleans serializer a silo would use for [GenerateSerializer] types.
/// </summary>
public static class StorageFactory
{
    private static readonly Lazy<IServiceProvider> Services = new(() =>
    {
        var services = new ServiceCollection();
        services.AddSerializer(serializer => serializer.AddAssembly(typeof(ProbeState).Assembly));
        return services.BuildServiceProvider();
    });

    public static IGrainStorageSerializer Serializer { get; } =
        new OrleansGrainStorageSerializer(Services.Value.GetRequiredService<Serializer>());

    public static SqliteGrainStorage Create(string databasePath, string name = "test") =>
        new(
            name,
            new SqliteGrainStorageOptions { DatabasePath = databasePath, GrainStorageSerializer = Serializer },
            Services.Value.GetRequiredService<IActivatorProvider>(),
            NullLogger<SqliteGrainStorage>.Instance);
}
