using System.Diagnostics;
using System.Globalization;
using Sweep.Client.Cli;
using Sweep.Grains.Batches;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Reading;

namespace Sweep.Client.Hosting.Verification;

/// <summary>
/// `sweep verify`: SQLite's integrity check, every stored checksum of the campaign, a sample of
/// stored batches computed again in this process (the silos' own <see cref="BatchComputation"/>)
/// and compared bit for bit, and, with --repair, what is corrupt computed again and stored.
/// </summary>
internal static class CampaignVerifier
{
    /// <summary>How long a repaired point may take to merge its stored batches back (lookups, no computing).</summary>
    private static readonly TimeSpan PointRebuildLimit = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(IVerificationSource source, string name, int sample, bool repair, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stdout);
        stdout.WriteLine($"verifying campaign '{name}' in {source.Description}");

        IReadOnlyList<string>? integrity = source.IntegrityProblems();
        stdout.WriteLine(integrity is null ? "  SQLite integrity check: not applicable (a cluster stores in Redis)"
            : integrity.Count == 0 ? "  SQLite integrity check: ok"
            : $"  SQLite integrity check: {integrity.Count} problems");
        foreach (string problem in integrity ?? [])
        {
            stdout.WriteLine($"    {problem}");
        }

        CampaignStoreCheck check = await source.CheckAsync(name, cancellationToken)
            ?? throw new UsageException($"no campaign '{name}' in {source.Description}");
        if (check.CampaignDamage is { } damage)
        {
            stdout.WriteLine("  campaign record: CORRUPT");
            throw new EnvironmentException(
                ExitCodes.StoreCorrupt,
                $"{source.Description}: the record of campaign '{name}' is corrupt and cannot be rebuilt (it holds the spec and the list of points, which no batch restores): {damage}");
        }

        stdout.WriteLine("  campaign record: intact");
        var damagedPoints = check.Points.Where(p => p.StateDamage is not null).ToList();
        stdout.WriteLine($"  point states: {check.Points.Count - damagedPoints.Count} intact, {damagedPoints.Count} corrupt");
        foreach (StoredPointCheck p in damagedPoints)
        {
            stdout.WriteLine($"    corrupt: point {p.Key.GrainKey}: {p.StateDamage}");
        }

        var batches = check.Points.SelectMany(p => p.Batches.Select(b => (Point: p, Batch: b))).ToList();
        var intact = batches.Where(b => b.Batch.Condition == StoredCondition.Intact).ToList();
        var corrupt = batches.Where(b => b.Batch.Condition == StoredCondition.Corrupt).ToList();
        var lost = batches.Where(b => b.Batch.Merged && b.Batch.Condition == StoredCondition.Missing).ToList();
        int pending = batches.Count(b => !b.Batch.Merged && b.Batch.Condition is StoredCondition.Missing or StoredCondition.OtherSettings);
        int foreign = batches.Count(b => b.Batch.Merged && b.Batch.Condition == StoredCondition.OtherSettings);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batches: {batches.Count} planned: {intact.Count} intact, {corrupt.Count} corrupt, {lost.Count} merged but missing, {foreign} merged but stored with other settings, {pending} not computed yet"));
        foreach (var (_, b) in corrupt)
        {
            stdout.WriteLine($"    corrupt: batch {b.Id.GrainKey}: {b.Damage}");
        }

        foreach (var (_, b) in lost)
        {
            stdout.WriteLine($"    missing: batch {b.Id.GrainKey} (merged into its point)");
        }

        int mismatches = await RecomputeSampleAsync(source, Sample(intact, sample), intact.Count, sample, stdout, cancellationToken);

        int repaired = 0;
        if (repair)
        {
            foreach (var (point, b) in corrupt.Concat(lost))
            {
                BatchResult result = await ComputeAsync(b.Id, point.Settings!, cancellationToken);
                bool stored = await source.StoreRecomputedAsync(result, cancellationToken);
                repaired += stored ? 1 : 0;
                stdout.WriteLine(stored ? $"  repaired: batch {b.Id.GrainKey} computed again and stored" : $"  not repaired: batch {b.Id.GrainKey} (an intact result is stored now)");
            }

            foreach (StoredPointCheck p in damagedPoints)
            {
                if (await RebuildPointAsync(source, p.Key, cancellationToken) is { } rebuilt)
                {
                    repaired++;
                    stdout.WriteLine($"  repaired: point {p.Key.GrainKey} rebuilt from its {rebuilt.Batches.Count(b => b.Merged)} stored batches");
                }
                else
                {
                    stdout.WriteLine($"  not repaired: point {p.Key.GrainKey} did not merge its stored batches back within {PointRebuildLimit.TotalSeconds:F0} s; `sweep run` with its spec rebuilds it");
                }
            }
        }

        int found = corrupt.Count + lost.Count + damagedPoints.Count;
        if (integrity is { Count: > 0 } || found > repaired)
        {
            stdout.WriteLine($"result: corruption found ({found - repaired} unrepaired{(integrity is { Count: > 0 } ? ", and the SQLite file itself is damaged" : string.Empty)}); " +
                $"`sweep verify {name} --repair`, or `sweep run` with its spec, computes the damaged batches again (exit {ExitCodes.StoreCorrupt})");
            return ExitCodes.StoreCorrupt;
        }

        if (mismatches > 0)
        {
            stdout.WriteLine($"result: {mismatches} sampled batches computed again do not have their stored bits (exit {ExitCodes.NotReproduced})");
            return ExitCodes.NotReproduced;
        }

        stdout.WriteLine(found > 0 ? $"result: repaired ({repaired} of {found})" : "result: clean");
        return ExitCodes.Done;
    }

    /// <summary>
    /// The deterministic sample: of the n intact batches in grid order (points as the campaign
    /// lists them, batches by first realization), those at positions floor(i n / k), i = 0..k-1.
    /// The first is the batch holding realization 0, whose Fig. 1 snapshot is compared too.
    /// </summary>
    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> intact, int k)
    {
        ArgumentNullException.ThrowIfNull(intact);
        int n = intact.Count;
        return Enumerable.Range(0, Math.Min(k, n)).Select(i => intact[(int)((long)i * n / Math.Min(k, n))]).ToList();
    }

    private static async Task<int> RecomputeSampleAsync(
        IVerificationSource source, IReadOnlyList<(StoredPointCheck Point, StoredBatchCheck Batch)> chosen, int intact, int k, TextWriter stdout, CancellationToken cancellationToken)
    {
        stdout.WriteLine($"  sample: {chosen.Count} of {intact} intact batches computed again in this process (--sample {k}; positions floor(i n / k) in grid order)");
        int mismatches = 0;
        foreach (var (point, b) in chosen)
        {
            BatchResult? stored = await source.ReadBatchAsync(b.Id, cancellationToken);
            if (stored is null)
            {
                stdout.WriteLine($"    {b.Id.GrainKey}: no longer stored, skipped");
                continue;
            }

            var clock = Stopwatch.StartNew();
            BatchResult again = await ComputeAsync(b.Id, point.Settings!, cancellationToken);
            string? difference = BatchBits.Difference(stored, again);
            mismatches += difference is null ? 0 : 1;
            stdout.WriteLine(difference is null
                ? string.Create(CultureInfo.InvariantCulture, $"    {b.Id.GrainKey}: same bits ({clock.Elapsed.TotalSeconds:F2} s)")
                : $"    {b.Id.GrainKey}: DIFFERENT {difference} (stored by {stored.Provenance.ProgramVersion} on {stored.Provenance.Host}, kernel path {stored.Provenance.KernelPath}; here {again.Provenance.ProgramVersion}, {again.Provenance.KernelPath})");
            stdout.Flush();
        }

        return mismatches;
    }

    // The silos' own computation, on the thread pool of this process: no grain computes.
    private static Task<BatchResult> ComputeAsync(BatchId id, PointSettingsData settings, CancellationToken cancellationToken)
        => Task.Run(() => BatchComputation.Run(new BatchWork(id, settings, Attempt: 1), cancellationToken), cancellationToken);

    /// <summary>
    /// Has the point write its state again and waits until the stored copy is intact and every
    /// intact stored batch is merged back (a point whose state was corrupt starts from empty and
    /// reads its batches back through the silo's store lookup); null when that takes too long.
    /// </summary>
    private static async Task<StoredPointCheck?> RebuildPointAsync(IVerificationSource source, PointKey key, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + PointRebuildLimit;
        while (DateTime.UtcNow < deadline)
        {
            await source.RewritePointAsync(key, cancellationToken);
            StoredPointCheck now = await source.CheckPointAsync(key, cancellationToken);
            if (now.StateDamage is null && now.Batches.Length > 0 && now.Batches.All(b => b.Condition != StoredCondition.Intact || b.Merged))
            {
                return now;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return null;
    }
}
