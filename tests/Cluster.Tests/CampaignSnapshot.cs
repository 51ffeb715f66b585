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

    /// <summary>Equal bit for bit, or fails naming the first line that differs (both sides are left in the temp directory).</summary>
    public void AssertSameAs(CampaignSnapshot reference, string label)
    {
        ArgumentNullException.ThrowIfNull(reference);
        foreach (var (what, expected, actual) in new[] { ("table", reference.Table, Table), ("results", reference.Results, Results) })
        {
            if (expected == actual)
            {
                continue;
            }

            string[] e = expected.Split('\n');
            string[] a = actual.Split('\n');
            int line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            string dir = Path.Combine(Path.GetTempPath(), "sweep-cluster-tests");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, $"{label}-{what}-local.json"), expected);
            File.WriteAllText(Path.Combine(dir, $"{label}-{what}-cluster.json"), actual);
            Assert.Fail($"{what} differs from local mode at line {line + 1}: local '{Line(e, line)}', cluster '{Line(a, line)}' (both in {dir})");
        }
    }

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

    private static string Line(string[] lines, int i) => i < lines.Length ? lines[i].Trim() : "<end>";
}
