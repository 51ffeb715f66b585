namespace Sweep.Grains.Points;

/// <summary>
/// Splits realizations into batches. Raising Ns appends batches after the ones already
/// planned, so stored batches keep their identity and are never recomputed. With a checkpoint
/// step (precision targets) no batch crosses a multiple of the step, so the exact sums of
/// realizations 0 .. checkpoint - 1 are a sum of whole batches whatever the batch size; a plan
/// extended in several steps has the same batches as one made at once.
/// </summary>
internal static class BatchPlan
{
    public static List<PlannedBatch> Extend(IReadOnlyList<PlannedBatch> existing, long ns, int batchSize, int checkpointStep = 0)
    {
        var plan = new List<PlannedBatch>(existing);
        long next = End(existing);
        while (next < ns)
        {
            long end = Cut(next, ns, batchSize, checkpointStep);
            plan.Add(new PlannedBatch(next, (int)(end - next)));
            next = end;
        }

        return plan;
    }

    /// <summary>Appends up to <paramref name="count"/> whole batches, none past <paramref name="limit"/>.</summary>
    public static List<PlannedBatch> Append(IReadOnlyList<PlannedBatch> existing, int count, long limit, int batchSize, int checkpointStep)
    {
        var plan = new List<PlannedBatch>(existing);
        long next = End(existing);
        for (int i = 0; i < count && next < limit; i++)
        {
            long end = Cut(next, limit, batchSize, checkpointStep);
            plan.Add(new PlannedBatch(next, (int)(end - next)));
            next = end;
        }

        return plan;
    }

    /// <summary>The first realization after the plan.</summary>
    public static long End(IReadOnlyList<PlannedBatch> plan) => plan.Count == 0 ? 0 : plan[^1].First + plan[^1].Count;

    private static long Cut(long next, long limit, int batchSize, int checkpointStep)
    {
        long end = Math.Min(next + batchSize, limit);
        return checkpointStep > 0 ? Math.Min(end, ((next / checkpointStep) + 1) * checkpointStep) : end;
    }
}
