namespace Sweep.Grains.Points;

/// <summary>
/// Splits realizations into batches. Raising Ns appends batches after the ones already
/// planned, so stored batches keep their identity and are never recomputed.
/// </summary>
internal static class BatchPlan
{
    public static List<PlannedBatch> Extend(IReadOnlyList<PlannedBatch> existing, int ns, int batchSize)
    {
        var plan = new List<PlannedBatch>(existing);
        long next = existing.Count == 0 ? 0 : existing[^1].First + existing[^1].Count;
        while (next < ns)
        {
            int count = (int)Math.Min(batchSize, ns - next);
            plan.Add(new PlannedBatch(next, count));
            next += count;
        }

        return plan;
    }
}
