using System.Text.Json.Nodes;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class InvalidSpecTests(SubmitClusterFixture fixture) : IClassFixture<SubmitClusterFixture>
{
    private static JsonObject Valid() => Specs.Spec("invalid", 2, Specs.Block(1, [2.0], [0.01], [4, 6], 4, "mag", "pur"));

    public static TheoryData<string, string, string> Cases => new()
    {
        { "d-too-large", "blocks[0].d: ", "must be 1, 2 or 3 (got 4)" },
        { "d-zero", "blocks[0].d: ", "must be 1, 2 or 3 (got 0)" },
        { "alpha-below-d", "blocks[0].alpha[1]: ", "must be at least d = 1 (got 0.5)" },
        { "n-below-two", "blocks[0].N[0]: ", "must be at least 2 (got 1)" },
        { "ns-below-one", "blocks[0].Ns: ", "must be at least 1 (got 0)" },
        { "x-zero", "blocks[0].x[0]: ", "must be positive" },
        { "x-negative", "blocks[0].x[0]: ", "must be positive" },
        { "x-at-jamming", "blocks[0].x[0]: ", "jamming" },
        { "unknown-top-key", "unknown key 'sede'", "sede" },
        { "unknown-block-key", "blocks[0]: ", "unknown key 'ns'" },
        { "empty-alpha", "blocks[0].alpha: ", "must not be empty" },
        { "empty-observables", "blocks[0].observables: ", "must not be empty" },
        { "empty-blocks", "blocks: ", "must not be empty" },
        { "batch-size-zero", "batchSize: ", "must be at least 1 (got 0)" },
        { "unknown-kernel", "kernel.name: ", "unknown kernel 'fast'" },
        { "unknown-observable", "blocks[0].observables[1]: ", "unknown observable 'spin'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Submit_rejects_an_invalid_spec_naming_block_and_field(string problem, string field, string reason)
    {
        string spec = Specs.With(Valid(), s => Break(s, problem));

        SubmitResult result = await fixture.Cluster.Campaign("invalid").Submit(spec);

        Assert.NotNull(result.Error);
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, result.Points);
        // A refused spec must not create the campaign.
        Assert.Null(await fixture.Cluster.Campaign("invalid").GetSpec());
    }

    private static void Break(JsonObject spec, string problem)
    {
        JsonObject block = Specs.BlockOf(spec, 0);
        switch (problem)
        {
            case "d-too-large": block["d"] = 4; break;
            case "d-zero": block["d"] = 0; break;
            case "alpha-below-d": block["alpha"] = new JsonArray(2.0, 0.5); break;
            case "n-below-two": block["N"] = new JsonArray(1, 4); break;
            case "ns-below-one": block["Ns"] = 0; break;
            case "x-zero": block["x"] = new JsonArray(0.0); break;
            case "x-negative": block["x"] = new JsonArray(-0.01); break;
            case "x-at-jamming": block["x"] = new JsonArray(1.4952); break;
            case "unknown-top-key": spec["sede"] = 2; break;
            case "unknown-block-key": block["ns"] = 3; break;
            case "empty-alpha": block["alpha"] = new JsonArray(); break;
            case "empty-observables": block["observables"] = new JsonArray(); break;
            case "empty-blocks": spec["blocks"] = new JsonArray(); break;
            case "batch-size-zero": spec["batchSize"] = 0; break;
            case "unknown-kernel": spec["kernel"] = new JsonObject { ["name"] = "fast" }; break;
            case "unknown-observable": block["observables"] = new JsonArray("mag", "spin"); break;
            default: throw new ArgumentException($"no such case '{problem}'", nameof(problem));
        }
    }
}
