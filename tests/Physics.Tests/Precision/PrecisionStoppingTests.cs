using Sweep.Physics.Precision;
using Sweep.Physics.Scaling;

namespace Sweep.Physics.Tests.Precision;

public class PrecisionStoppingTests
{
    private static readonly PrecisionTarget MagAndPur = new(0.01, [Observable.Mag, Observable.Pur], 200, 2000, 200);

    [Fact]
    public void The_margin_is_one_standard_deviation_of_a_16_block_jackknife_error()
        => Assert.Equal(1 + (1 / Math.Sqrt(30)), PrecisionStopping.Margin, 15);

    [Fact]
    public void Reached_needs_every_named_error_at_or_below_the_target_over_the_margin()
    {
        double threshold = 0.01 / PrecisionStopping.Margin;
        Assert.Equal(TargetOutcome.Reached, PrecisionStopping.Decide(MagAndPur, 400, threshold, threshold * 0.5).Outcome);
        Assert.Equal(TargetOutcome.Continue, PrecisionStopping.Decide(MagAndPur, 400, threshold, Math.BitIncrement(threshold)).Outcome);

        // A jackknife error just below the target itself is not enough: it may be a low fluctuation.
        Assert.Equal(TargetOutcome.Continue, PrecisionStopping.Decide(MagAndPur, 400, 0.0099, 0.0099).Outcome);

        // Only the named observables count.
        var magOnly = MagAndPur with { Observables = [Observable.Mag] };
        Assert.Equal(TargetOutcome.Reached, PrecisionStopping.Decide(magOnly, 400, threshold, 1.0).Outcome);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_non_finite_error_is_not_reached_and_predicts_only_the_next_checkpoint(double error)
    {
        CheckpointDecision d = PrecisionStopping.Decide(MagAndPur, 400, error, 0.0001);
        Assert.Equal((TargetOutcome.Continue, 600L), (d.Outcome, d.PredictedNs));
        Assert.Equal(TargetOutcome.MaxNsReached, PrecisionStopping.Decide(MagAndPur, 2000, error, 0.0001).Outcome);
    }

    [Fact]
    public void The_prediction_scales_the_worst_error_as_one_over_the_square_root_of_Ns()
    {
        double threshold = 0.01 / PrecisionStopping.Margin;

        // Twice the threshold needs four times the realizations: 4 x 400 = 1600, a checkpoint.
        Assert.Equal(1600, PrecisionStopping.Decide(MagAndPur, 400, threshold * 2, threshold).PredictedNs);

        // Rounded up to a checkpoint, at least the next one, at most maxNs.
        Assert.Equal(1000, PrecisionStopping.Decide(MagAndPur, 400, threshold * 1.5, 0).PredictedNs);
        Assert.Equal(600, PrecisionStopping.Decide(MagAndPur, 400, Math.BitIncrement(threshold), 0).PredictedNs);
        Assert.Equal(2000, PrecisionStopping.Decide(MagAndPur, 400, threshold * 100, 0).PredictedNs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(300)]
    [InlineData(2200)]
    public void Decisions_are_only_taken_at_checkpoints_from_minNs_to_maxNs(long checkpoint)
        => Assert.Throws<ArgumentOutOfRangeException>(() => PrecisionStopping.Decide(MagAndPur, checkpoint, 0, 0));

    [Fact]
    public void Replaying_stored_decisions_under_a_tighter_target_goes_on_from_the_stored_stop()
    {
        double loose = 0.02 / PrecisionStopping.Margin;
        var looseTarget = MagAndPur with { BetaError = 0.02 };
        CheckpointDecision[] stored =
        [
            PrecisionStopping.Decide(looseTarget, 200, loose * 1.5, loose),
            PrecisionStopping.Decide(looseTarget, 400, loose * 0.9, loose * 0.8),
        ];
        Assert.Equal(400, TargetPosition.Of(looseTarget, stored).Stop!.Checkpoint);

        TargetPosition tight = TargetPosition.Of(MagAndPur, stored);
        Assert.False(tight.Stopped);
        Assert.Equal(600, tight.NextCheckpoint);

        // 0.9 x loose = 1.8 x the tight threshold: 400 x 1.8^2 = 1296, rounded up to 1400.
        Assert.Equal(1400, tight.PredictedNs);

        // A higher minNs skips the stored checkpoints below it.
        Assert.Equal((false, 1000L), (TargetPosition.Of(MagAndPur with { MinNs = 1000 }, stored).Stopped, TargetPosition.Of(MagAndPur with { MinNs = 1000 }, stored).NextCheckpoint));
    }

    [Fact]
    public void Checkpoints_round_up_to_the_step()
    {
        Assert.Equal(200, MagAndPur.CheckpointAtOrAfter(1));
        Assert.Equal(200, MagAndPur.CheckpointAtOrAfter(200));
        Assert.Equal(400, MagAndPur.CheckpointAtOrAfter(201));
        Assert.Null(MagAndPur.Problem());
        Assert.NotNull((MagAndPur with { MinNs = 300 }).Problem());
    }
}
