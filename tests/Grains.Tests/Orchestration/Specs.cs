using System.Text.Json.Nodes;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// Tiny campaign specs: a few small-N points on a short time grid, with batches small enough
/// that every point has several, so merging and re-dispatch are exercised within seconds.
/// </summary>
public static class Specs
{
    /// <summary>Several points over d = 1..3, with blocks that overlap and restrict observables.</summary>
    public static JsonObject Small(string name) => Spec(
        name,
        batchSize: 3,
        Block(1, [2.0], [0.001, 0.01], [4, 8, 12], 14, "mag", "pur"),
        Block(2, [3.0], [0.01], [4, 8], 10, "mag", "pur"),
        Block(3, [4.0], [0.001], [6, 8], 8, "pur"),
        Block(1, [2.0], [0.01], [8], 16, "pur"));

    public static JsonObject Spec(string name, int batchSize, params JsonObject[] blocks) => new()
    {
        ["name"] = name,
        ["seed"] = 20260101,
        ["timePoints"] = 40,
        ["timeUnit"] = "common",
        ["fitWindow"] = new JsonArray(0.99, 0.01),
        ["strongDisorderMaxX"] = 0.01,
        ["batchSize"] = batchSize,
        ["kernel"] = new JsonObject { ["name"] = "exact" },
        ["blocks"] = new JsonArray(blocks),
    };

    public static JsonObject Block(int d, double[] alpha, double[] x, int[] n, int ns, params string[] observables) => new()
    {
        ["d"] = d,
        ["alpha"] = new JsonArray(alpha.Select(a => (JsonNode)a).ToArray()),
        ["x"] = new JsonArray(x.Select(v => (JsonNode)v).ToArray()),
        ["N"] = new JsonArray(n.Select(v => (JsonNode)v).ToArray()),
        ["Ns"] = ns,
        ["observables"] = new JsonArray(observables.Select(o => (JsonNode)o).ToArray()),
    };

    /// <summary>A block whose points choose their Ns by a precision target on the jackknife error of beta.</summary>
    public static JsonObject TargetBlock(int d, double[] alpha, double[] x, int[] n, double betaError, int minNs, int maxNs, int step, params string[] observables)
    {
        JsonObject block = Block(d, alpha, x, n, 1, observables);
        block.Remove("Ns");
        block["target"] = new JsonObject
        {
            ["betaError"] = betaError,
            ["observables"] = new JsonArray(observables.Select(o => (JsonNode)o).ToArray()),
            ["minNs"] = minNs,
            ["maxNs"] = maxNs,
            ["step"] = step,
        };
        return block;
    }

    /// <summary>A copy of the spec changed by <paramref name="change"/>, so a base spec can be reused.</summary>
    public static string With(JsonObject spec, Action<JsonObject> change)
    {
        var copy = (JsonObject)spec.DeepClone();
        change(copy);
        return copy.ToJsonString();
    }

    public static JsonObject BlockOf(JsonObject spec, int index) => (JsonObject)spec["blocks"]![index]!;

    public static string NameOf(string specJson) => JsonNode.Parse(specJson)!["name"]!.GetValue<string>();
}
