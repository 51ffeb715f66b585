using System.Globalization;
using System.Text.Json.Nodes;

namespace Sweep.CapacityBench;

/// <summary>
/// The campaign the harness runs: P small points (d = 1, N = 8, so the template realization of
/// each costs microseconds), T time points (the result size), and enough batches per point that
/// no point finishes within the run, so every batch is orchestration, none is a final fit.
/// </summary>
internal static class WorkloadSpec
{
    // Nominal realizations per batch: the synthetic wait does not depend on it.
    public const int BatchSize = 100;

    private static readonly double[] Dilutions = [0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01];

    public static string Json(string name, int points, long batchesPerPoint, int timePoints)
    {
        int alphas = (points + Dilutions.Length - 1) / Dilutions.Length;
        var alpha = new JsonArray(Enumerable.Range(0, alphas).Select(i => (JsonNode)Math.Round(1.0 + (0.01 * i), 2)).ToArray());
        var x = new JsonArray(Dilutions.Take(Math.Min(points, Dilutions.Length)).Select(v => (JsonNode)v).ToArray());
        var spec = new JsonObject
        {
            ["name"] = name,
            ["description"] = string.Create(CultureInfo.InvariantCulture, $"capacity harness: {alphas * x.Count} points x {batchesPerPoint} batches, {timePoints} time points"),
            ["seed"] = 1,
            ["timePoints"] = timePoints,
            ["timeUnit"] = "common",
            ["fitWindow"] = new JsonArray(0.99, 0.01),
            ["strongDisorderMaxX"] = 0.01,
            ["batchSize"] = BatchSize,
            ["kernel"] = new JsonObject { ["name"] = "exact" },
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["d"] = 1,
                ["alpha"] = alpha,
                ["x"] = x,
                ["N"] = new JsonArray(8),
                ["Ns"] = batchesPerPoint * BatchSize,
                ["observables"] = new JsonArray("mag", "pur"),
            }),
        };
        return spec.ToJsonString();
    }

    /// <summary>Points actually in the spec for a requested count (whole rows of ten dilutions, or fewer than ten).</summary>
    public static int PointsFor(int requested)
        => requested <= Dilutions.Length ? requested : ((requested + Dilutions.Length - 1) / Dilutions.Length) * Dilutions.Length;
}
