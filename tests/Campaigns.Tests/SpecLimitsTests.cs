using System.Text.Json.Nodes;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns.Tests;

/// <summary>Specs just above each limit get one line naming the field, the limit and why; at the limit they pass.</summary>
public class SpecLimitsTests
{
    private static readonly JsonObject Exact = new() { ["name"] = "exact" };

    [Fact]
    public void N_above_the_exact_kernels_memory_cap_names_the_memory_and_the_largest_N()
    {
        int largest = KernelMemoryModel.LargestN(SpinKernelChoice.Exact, 1, CampaignSpec.DefaultTimePoints, SpecLimits.SlotMemoryBytes);
        string error = Assert.Single(Specs.ErrorsAfter(s =>
        {
            s["kernel"] = Exact.DeepClone();
            Specs.Block(s, 0)["N"] = new JsonArray(8, largest + 1);
        }));
        Assert.StartsWith($"blocks[0].N[1]: {largest + 1} spins need", error, StringComparison.Ordinal);
        Assert.Contains("per compute slot with the exact kernel", error, StringComparison.Ordinal);
        Assert.Contains("the limit is 4 GiB per slot", error, StringComparison.Ordinal);
        Assert.Contains($"N <= {largest:N0}", error, StringComparison.Ordinal);

        Specs.With(s =>
        {
            s["kernel"] = Exact.DeepClone();
            Specs.Block(s, 0)["N"] = new JsonArray(largest);
        });
    }

    [Fact]
    public void The_N_cap_follows_the_kernel()
    {
        // 50,000 spins: about 10 GB of couplings per slot with the exact kernel, O(N) with version 2.
        Assert.Contains(Specs.ErrorsAfter(s =>
        {
            s["kernel"] = Exact.DeepClone();
            Specs.Block(s, 1)["N"] = new JsonArray(50000);
        }), e => e.StartsWith("blocks[1].N[0]: 50000 spins need", StringComparison.Ordinal));
        Assert.Equal(50000, Specs.With(s => Specs.Block(s, 1)["N"] = new JsonArray(50000)).Blocks[1].N[0]);
    }

    [Fact]
    public void N_of_a_billion_is_refused_before_anything_overflows()
    {
        string error = Assert.Single(Specs.ErrorsAfter(s => Specs.Block(s, 1)["N"] = new JsonArray(1_000_000_000)));
        Assert.StartsWith("blocks[1].N[0]: 1000000000 spins need", error, StringComparison.Ordinal);
        Assert.Contains("accelerated-v5:1E-10", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_points_above_the_cap()
    {
        string error = Assert.Single(Specs.ErrorsAfter(s => s["timePoints"] = SpecLimits.MaxTimePoints + 1));
        Assert.StartsWith($"timePoints: must be at most {SpecLimits.MaxTimePoints}, the most the orchestration is tested to carry", error, StringComparison.Ordinal);
        Assert.Single(Specs.ErrorsAfter(s => s["timePoints"] = 100_000_000));
        Assert.Equal(SpecLimits.MaxTimePoints, Specs.With(s => s["timePoints"] = SpecLimits.MaxTimePoints).TimePoints);
    }

    [Fact]
    public void Points_above_the_cap()
    {
        // One block of MaxPoints + 1 distinct points: MaxPoints / 2 + 1 x values times two N.
        int xs = (SpecLimits.MaxPoints / 2) + 1;
        var x = new JsonArray(Enumerable.Range(1, xs).Select(i => (JsonNode)(i * 1e-7)).ToArray());
        string error = Assert.Single(Specs.ErrorsAfter(s =>
        {
            s["blocks"] = new JsonArray(Specs.Block(s, 0).DeepClone());
            Specs.Block(s, 0)["alpha"] = new JsonArray(1);
            Specs.Block(s, 0)["x"] = x.DeepClone();
        }));
        Assert.StartsWith($"blocks: more than {SpecLimits.MaxPoints:N0} distinct grid points; the limit is {SpecLimits.MaxPoints:N0}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_points_are_counted_without_expanding_them()
    {
        var values = new JsonArray(Enumerable.Range(1, 1000).Select(i => (JsonNode)(i * 1e-6)).ToArray());
        var alpha = new JsonArray(Enumerable.Range(0, 1000).Select(i => (JsonNode)(1 + (i * 0.01))).ToArray());
        var n = new JsonArray(Enumerable.Range(2, 1000).Select(i => (JsonNode)i).ToArray());
        IReadOnlyList<string> errors = Specs.ErrorsAfter(s =>
        {
            Specs.Block(s, 0)["alpha"] = alpha;
            Specs.Block(s, 0)["x"] = values;
            Specs.Block(s, 0)["N"] = n;
        });
        Assert.Contains(errors, e => e.StartsWith("blocks: more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Batches_above_the_cap_name_the_batch_size_that_fits()
    {
        // 419,431 batches: the spec that timed out at submission.
        string error = Assert.Single(Specs.ErrorsAfter(s =>
        {
            s["batchSize"] = 10;
            s["blocks"] = new JsonArray(Specs.Block(s, 1).DeepClone());
            Specs.Block(s, 0)["Ns"] = SpecBlock.MaxNs;
        }));
        Assert.StartsWith("batchSize: 10 gives 419,431 batches; the limit is 100,000 per campaign", error, StringComparison.Ordinal);
        int fits = SpecBlock.MaxNs / (int)SpecLimits.MaxBatches + 1;
        Assert.EndsWith($"raise batchSize to at least {fits}", error, StringComparison.Ordinal);
        Specs.With(s =>
        {
            s["batchSize"] = fits;
            s["blocks"] = new JsonArray(Specs.Block(s, 1).DeepClone());
            Specs.Block(s, 0)["Ns"] = SpecBlock.MaxNs;
        });
    }

    [Fact]
    public void A_targets_batches_are_counted_as_its_plan_cuts_them_at_every_step()
    {
        // batchSize 40, step 60: each step is cut 40 + 20, so maxNs / 30 batches, not maxNs / 40.
        // 3,000,060 realizations: 75,002 batches by size alone, 100,002 as planned.
        static void Target(JsonObject s, int maxNs)
        {
            s["batchSize"] = 40;
            s["blocks"] = new JsonArray(Specs.Block(s, 1).DeepClone());
            Specs.Block(s, 0).Remove("Ns");
            Specs.Block(s, 0)["target"] = new JsonObject { ["betaError"] = 0.003, ["maxNs"] = maxNs, ["step"] = 60 };
        }

        Assert.Equal(100_002, SpecLimits.Batches(3_000_060, 40, 60));
        string error = Assert.Single(Specs.ErrorsAfter(s => Target(s, 3_000_060)));
        Assert.StartsWith("batchSize: 40 gives 100,002 batches; the limit is 100,000 per campaign", error, StringComparison.Ordinal);
        Assert.EndsWith("raise batchSize to at least 60", error, StringComparison.Ordinal);
        Specs.With(s => Target(s, 3_000_000));
    }

    [Fact]
    public void Steps_that_alone_cut_too_many_batches_say_so()
    {
        string error = Assert.Single(Specs.ErrorsAfter(s =>
        {
            s["blocks"] = new JsonArray(Specs.Block(s, 1).DeepClone());
            Specs.Block(s, 0).Remove("Ns");
            Specs.Block(s, 0)["target"] = new JsonObject { ["betaError"] = 0.003, ["maxNs"] = 4_000_000, ["step"] = 20 };
        }));
        Assert.EndsWith("raise their step or lower maxNs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_checks_a_spec_against_another_kernel()
    {
        CampaignSpec spec = Specs.With(s => Specs.Block(s, 1)["N"] = new JsonArray(50000));
        Assert.Empty(SpecLimits.Problems(spec));
        Assert.Single(SpecLimits.Problems(spec with { Kernel = SpinKernelChoice.Exact }));
    }
}
