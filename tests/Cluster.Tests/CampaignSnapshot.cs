using System.Text.Json;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A finished campaign's scaling table and per-point results as canonical JSON, so two runs
/// compare bit for bit (.NET writes doubles in their shortest round-trip form). Provenance
/// keeps its settings but drops the host and time, which differ by design.
/// </summary>
internal sealed record CampaignSnapshot(string Table, string Results)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static async Task<CampaignSnapshot> TakeAsync(IGrainFactory grains, string campaign)
    {
        var grain = grains.GetGrain<ICampaignGrain>(campaign);
        ScalingTable table = await grain.GetTable();
        PointResult[] results = await grain.GetResults();
        var canonical = results
            .OrderBy(r => r.Key.GrainKey, StringComparer.Ordinal)
            .Select(r => r with { Provenance = r.Provenance with { Host = string.Empty, ComputedAt = default } })
            .ToArray();
        return new CampaignSnapshot(JsonSerializer.Serialize(table, Json), JsonSerializer.Serialize(canonical, Json));
    }
}
