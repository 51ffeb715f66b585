using System.Text.Json.Nodes;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns.Tests;

/// <summary>The "target" of a block: what is accepted, what is refused with which field named, how points merge, and how it extends.</summary>
public class PrecisionTargetSpecTests
{
    private static JsonObject Target(double betaError = 0.003, int minNs = 200, int maxNs = 20000, int step = 200, params string[] observables)
    {
        var target = new JsonObject { ["betaError"] = betaError, ["minNs"] = minNs, ["maxNs"] = maxNs, ["step"] = step };
        if (observables.Length > 0)
        {
            target["observables"] = new JsonArray(observables.Select(o => (JsonNode)o).ToArray());
        }

        return target;
    }

    private static void UseTarget(JsonObject spec, int block, JsonObject target)
    {
        Specs.Block(spec, block).Remove("Ns");
        Specs.Block(spec, block)["target"] = target;
    }

    private static CampaignSpec WithTarget(JsonObject target, int block = 0) => Specs.With(s => UseTarget(s, block, target));

    private static IReadOnlyList<string> ErrorsWithTarget(JsonObject target) => Specs.ErrorsAfter(s => UseTarget(s, 0, target));

    private static void AssertError(IReadOnlyList<string> errors, string path, string fragment) => Assert.True(
        errors.Any(e => e.StartsWith(path + ": ", StringComparison.Ordinal) && e.Contains(fragment, StringComparison.Ordinal)),
        $"expected an error '{path}: ...{fragment}...', got:\n  " + string.Join("\n  ", errors));

    [Fact]
    public void A_target_block_is_read_with_its_defaults_and_bounds_its_points_by_maxNs()
    {
        CampaignSpec spec = WithTarget(new JsonObject { ["betaError"] = 0.003, ["maxNs"] = 2000, ["step"] = 100 });
        SpecTarget target = spec.Blocks[0].Target!;

        // minNs defaults to the step, observables to the block's.
        Assert.Equal(new SpecTarget(0.003, [Observable.Mag, Observable.Pur], 100, 2000, 100), target);
        Assert.Equal(2000, spec.Blocks[0].Ns);
        Assert.All(CampaignGrid.Expand(spec).Where(p => p.Point.D == 1), p => Assert.Equal((2000, target), (p.Ns, p.Target)));
    }

    [Fact]
    public void The_canonical_form_writes_the_target_in_full_and_reads_back_equal()
    {
        CampaignSpec spec = WithTarget(Target(observables: "pur"));
        string json = CampaignSpecJson.Write(spec);

        Assert.Equal(spec, Specs.Parse(json));
        JsonObject block = JsonNode.Parse(json)!["blocks"]![0]!.AsObject();
        Assert.False(block.ContainsKey("Ns"));
        Assert.Equal("""{"betaError":0.003,"observables":["pur"],"minNs":200,"maxNs":20000,"step":200}""", block["target"]!.ToJsonString());
    }

    [Fact]
    public void Ns_and_target_together_or_neither_are_refused()
    {
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 0)["target"] = Target()), "blocks[0]", "either Ns or target, not both");
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 0).Remove("Ns")), "blocks[0].Ns", "is required (or give a precision target");
    }

    [Theory]
    [InlineData(0.0, 200, 20000, 200, "blocks[0].target.betaError", "must be positive")]
    [InlineData(0.003, 300, 20000, 200, "blocks[0].target.minNs", "must be a multiple of step 200")]
    [InlineData(0.003, 200, 20100, 200, "blocks[0].target.maxNs", "must be a multiple of step 200")]
    [InlineData(0.003, 400, 200, 200, "blocks[0].target.maxNs", "must be at least minNs 400")]
    [InlineData(0.003, 8, 80, 8, "blocks[0].target.minNs", "must be at least 16")]
    [InlineData(0.003, 200, 8388608, 200, "blocks[0].target.maxNs", "must be at most 4194304")]
    [InlineData(0.003, 200, 20000, 0, "blocks[0].target.step", "must be at least 1")]
    public void A_bad_target_names_the_field_and_the_reason(double betaError, int minNs, int maxNs, int step, string path, string fragment)
        => AssertError(ErrorsWithTarget(Target(betaError, minNs, maxNs, step)), path, fragment);

    [Fact]
    public void Missing_unknown_and_misspelt_target_keys_are_refused()
    {
        AssertError(ErrorsWithTarget(new JsonObject { ["maxNs"] = 400, ["step"] = 200 }), "blocks[0].target.betaError", "is required");
        AssertError(ErrorsWithTarget(Target().Also(t => t["betaerror"] = 1)), "blocks[0].target", "did you mean 'betaError'");
        AssertError(ErrorsWithTarget(Target(observables: "energy")), "blocks[0].target.observables[0]", "unknown observable 'energy'");
    }

    [Fact]
    public void Target_blocks_sharing_a_point_take_the_tightest_target_and_fixed_Ns_raises_minNs()
    {
        CampaignSpec spec = Specs.With(s =>
        {
            UseTarget(s, 0, Target(0.004, 200, 1000, 200, "mag"));
            s["blocks"]!.AsArray().Add(JsonNode.Parse("""{ "d": 1, "alpha": [1], "x": [0.001], "N": [8], "observables": ["pur"], "target": { "betaError": 0.003, "minNs": 400, "maxNs": 800, "step": 200 } }"""));
            s["blocks"]!.AsArray().Add(JsonNode.Parse("""{ "d": 1, "alpha": [1], "x": [0.001], "N": [8], "Ns": 500, "observables": ["mag"] }"""));
        });

        CampaignPoint shared = CampaignGrid.Expand(spec).Single(p => p.Point.D == 1 && p.Point.Alpha == 1 && p.Point.X == 0.001 && p.Point.N == 8);
        CampaignPoint alone = CampaignGrid.Expand(spec).Single(p => p.Point.D == 1 && p.Point.Alpha == 3 && p.Point.X == 0.01 && p.Point.N == 16);

        // 500 fixed realizations round up to the checkpoint 600.
        Assert.Equal(new SpecTarget(0.003, [Observable.Mag, Observable.Pur], 600, 1000, 200), shared.Target);
        Assert.Equal(1000, shared.Ns);
        Assert.Equal(new SpecTarget(0.004, [Observable.Mag], 200, 1000, 200), alone.Target);
    }

    [Fact]
    public void Target_blocks_sharing_a_point_with_different_steps_are_refused()
    {
        IReadOnlyList<string> errors = Specs.ErrorsAfter(s =>
        {
            UseTarget(s, 0, Target());
            s["blocks"]!.AsArray().Add(JsonNode.Parse("""{ "d": 1, "alpha": [1], "x": [0.001], "N": [8], "observables": ["pur"], "target": { "betaError": 0.003, "maxNs": 800, "step": 100 } }"""));
        });

        AssertError(errors, "blocks[2].target.step", "differs from blocks[0]'s step 200 (got 100)");
    }

    [Fact]
    public void Tightening_a_target_or_raising_maxNs_extends_a_campaign()
    {
        CampaignSpec stored = WithTarget(Target(0.003, 200, 2000, 200, "mag"));
        Assert.Null(SpecCompatibility.Check(stored, WithTarget(Target(0.002, 400, 4000, 200, "mag", "pur"))));
    }

    [Theory]
    [InlineData(0.004, 200, 2000, 200, "betaError of the target of point", "loosened from 0.003 to 0.004")]
    [InlineData(0.003, 200, 1800, 200, "maxNs of the target of point", "go down from 2000 to 1800")]
    [InlineData(0.003, 100, 2000, 100, "step of the target of point", "moves every checkpoint")]
    public void Loosening_a_target_or_moving_its_checkpoints_is_refused_by_name(double betaError, int minNs, int maxNs, int step, string field, string reason)
    {
        CampaignSpec stored = WithTarget(Target(0.003, 200, 2000, 200, "mag", "pur"));
        string? problem = SpecCompatibility.Check(stored, WithTarget(Target(betaError, minNs, maxNs, step, "mag", "pur")));

        Assert.NotNull(problem);
        Assert.Contains(field, problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Dropping_a_target_observable_or_switching_between_Ns_and_target_is_refused()
    {
        CampaignSpec stored = WithTarget(Target(observables: ["mag", "pur"]));
        Assert.Contains("observables of the target of point", SpecCompatibility.Check(stored, WithTarget(Target(observables: "mag"))));
        Assert.Contains("keeps how its Ns is chosen", SpecCompatibility.Check(stored, Specs.Parse(Specs.Valid)));
        Assert.Contains("keeps how its Ns is chosen", SpecCompatibility.Check(Specs.Parse(Specs.Valid), stored));
    }
}

internal static class JsonObjectEdits
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> edit)
    {
        edit(node);
        return node;
    }
}
