using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;
using Sweep.Physics.Precision;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// A precision target must choose the same Ns, and give the same bits, as the plain sequential
/// rule (<see cref="StraightRun"/>): with any batch size, after a crash, and on several silos.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class PrecisionTargetTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    // Calibrated on this seed so that the points stop at different checkpoints: the 1D N = 4 mag
    // error stays above the target up to maxNs, the others reach it after one to three checkpoints.
    // The fixed-Ns block shares N = 8 with the target block and raises its minNs to 64.
    private static string Spec(string name, int batchSize, double betaError = 0.035) => Specs.Spec(
        name,
        batchSize,
        Specs.TargetBlock(1, [2.0], [0.01], [4, 8], betaError, 32, 160, 32, "mag", "pur"),
        Specs.Block(1, [2.0], [0.01], [6, 8], 40, "pur"),
        Specs.TargetBlock(2, [3.0], [0.01], [6], betaError, 32, 96, 32, "pur")).ToJsonString();

    [Fact]
    public async Task The_same_spec_stops_every_point_at_the_same_Ns_with_the_same_bits_under_different_batch_sizes()
    {
        StraightRun expected = StraightRun.Of(Spec("target-reference", 1));
        AssertCalibrated(expected);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        foreach (int batchSize in new[] { 7, 50 })
        {
            string name = $"target-batch-{batchSize}";
            await cluster.SubmitAsync(Spec(name, batchSize));
            CampaignStatus status = await cluster.WaitUntilFinishedAsync(name);
            await AssertSameAsync(cluster, name, expected, status);
        }
    }

    [Fact]
    public async Task A_crash_mid_campaign_and_a_resume_give_the_same_Ns_and_bits()
    {
        // One realization per batch, so the crash lands between checkpoints with work on every side.
        string spec = Spec("target-crash", 1);
        StraightRun expected = StraightRun.Of(spec);
        await using (var first = await SweepCluster.StartAsync(_store.DatabasePath, 2))
        {
            await first.SubmitAsync(spec);
            CampaignStatus part = await first.WaitUntilAsync("target-crash", s => s.BatchesDone >= 60 || s.Finished, "store 60 batches");
            Assert.False(part.Finished, "the campaign finished before the cluster could be killed mid-way");
            foreach (var silo in first.Cluster.Silos.Reverse().ToArray())
            {
                await first.KillSiloAsync(silo);
            }
        }

        await using var second = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        await second.SubmitAsync(spec);
        CampaignStatus status = await second.WaitUntilFinishedAsync("target-crash");
        await AssertSameAsync(second, "target-crash", expected, status);
    }

    [Fact]
    public async Task Three_silos_give_the_same_Ns_and_bits()
    {
        string spec = Spec("target-silos", 5);
        StraightRun expected = StraightRun.Of(spec);
        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 3);
        await cluster.SubmitAsync(spec);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("target-silos");
        await AssertSameAsync(cluster, "target-silos", expected, status);
    }

    [Fact]
    public async Task Tightening_the_target_extends_the_campaign_to_what_the_tighter_target_gives_from_scratch()
    {
        string loose = Spec("target-tighten", 8, betaError: 0.05);
        string tight = Spec("target-tighten", 8);
        StraightRun expected = StraightRun.Of(tight);
        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        await cluster.SubmitAsync(loose);
        CampaignStatus first = await cluster.WaitUntilFinishedAsync("target-tighten");

        SubmitResult extended = await cluster.SubmitAsync(tight);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("target-tighten");

        Assert.True(extended.Extended);
        Assert.True(status.RealizationsDone > first.RealizationsDone, $"{status.RealizationsDone} realizations after tightening, {first.RealizationsDone} before");
        await AssertSameAsync(cluster, "target-tighten", expected, status);

        SubmitResult loosened = await cluster.Campaign("target-tighten").Submit(loose);
        Assert.Contains("betaError of the target of point", loosened.Error);
    }

    private static void AssertCalibrated(StraightRun expected)
    {
        var outcomes = expected.Points.Where(p => p.Stop is not null).Select(p => p.Stop!.Outcome).ToList();
        Assert.Contains(TargetOutcome.Reached, outcomes);
        Assert.Contains(TargetOutcome.MaxNsReached, outcomes);
        Assert.True(expected.Points.Select(p => p.Point.Ns).Distinct().Count() >= 3, "the points should stop at different Ns");
    }

    private static async Task AssertSameAsync(SweepCluster cluster, string name, StraightRun expected, CampaignStatus status)
    {
        BitAssert.Results(expected, await cluster.Campaign(name).GetResults());
        BitAssert.Table(expected, await cluster.Campaign(name).GetTable());
        foreach (ExpectedPoint e in expected.Points)
        {
            PointSummary s = Assert.Single(status.PointSummaries, s => s.Key.N == e.Point.Point.N && s.Key.D == e.Point.Point.D);
            Assert.Equal(PointStatus.Done, s.Status);
            Assert.Equal(e.Point.Ns, s.RealizationsTarget);
            Assert.Equal(e.Point.Ns, s.RealizationsDone);
            string? outcome = e.Stop?.Outcome switch
            {
                TargetOutcome.Reached => "reached",
                TargetOutcome.MaxNsReached => "maxNs",
                _ => null,
            };
            Assert.Equal(outcome, s.TargetOutcome);
        }
    }
}
