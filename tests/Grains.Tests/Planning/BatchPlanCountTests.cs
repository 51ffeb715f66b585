using Sweep.Campaigns;
using Sweep.Grains.Points;

namespace Sweep.Grains.Tests.Planning;

/// <summary>The spec's batch cap counts the batches a point's real plan makes, checkpoint cuts included.</summary>
public class BatchPlanCountTests
{
    [Theory]
    [InlineData(1000, 50, 0)]
    [InlineData(1001, 50, 0)]
    [InlineData(1200, 40, 60)]
    [InlineData(1200, 50, 200)]
    [InlineData(1230, 7, 30)]
    [InlineData(600, 1000, 200)]
    [InlineData(200, 200, 200)]
    public void The_limits_count_is_the_plans_count(long ns, int batchSize, int step)
    {
        List<PlannedBatch> plan = BatchPlan.Extend([], ns, batchSize, step);
        Assert.Equal(plan.Count, SpecLimits.Batches(ns, batchSize, step));
    }

    [Fact]
    public void A_target_plan_grown_checkpoint_by_checkpoint_has_as_many_batches()
    {
        // The grain grows a target's plan step by step, then a few batches ahead, up to maxNs.
        List<PlannedBatch> plan = [];
        for (long predicted = 60; predicted <= 1200; predicted += 60)
        {
            plan = BatchPlan.Extend(plan, predicted, 40, 60);
            plan = BatchPlan.Append(plan, 3, 1200, 40, 60);
        }

        Assert.Equal(plan.Count, SpecLimits.Batches(1200, 40, 60));
    }
}
