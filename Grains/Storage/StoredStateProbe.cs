using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Storage;

/// <summary>
/// Reads a grain's stored state back through the grain storage into a scratch copy, leaving the
/// grain's own state alone: how a live grain learns whether the bytes behind it are still
/// intact (`sweep verify`), in SQLite and in Redis alike.
/// </summary>
internal static class StoredStateProbe
{
    /// <summary>The damage of the stored state (its checksum or layout), or null when it is intact or absent.</summary>
    public static async Task<string?> DamageAsync<T>(IServiceProvider services, string stateName, GrainId grain)
    {
        IGrainStorage storage = services.GetRequiredKeyedService<IGrainStorage>(StorageSchema.Provider);
        var scratch = new GrainState<T>();
        try
        {
            await storage.ReadStateAsync(stateName, grain, scratch);
        }
        catch (Exception e) when (Corruption(e) is { } corrupt)
        {
            return corrupt.Message;
        }

        return scratch.State is IRebuildableState { CorruptPayload: { } damage } ? damage : null;
    }

    // A storage provider may wrap the serializer's exception.
    private static StoredPayloadCorruptException? Corruption(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is StoredPayloadCorruptException corrupt)
            {
                return corrupt;
            }
        }

        return null;
    }
}
