using System.Text.RegularExpressions;

namespace Sweep.Cluster.Tests;

/// <summary>Reads the silos' "computed batch" and "stored batch" lines: how the tests count (re)computation.</summary>
internal static partial class BatchLog
{
    public static IReadOnlyList<string> Computed(string logs) => Keys(ComputedLine(), logs);

    public static IReadOnlyList<string> Stored(string logs) => Keys(StoredLine(), logs);

    /// <summary>Batches a stopping silo handed back to the dispatcher's queue.</summary>
    public static IReadOnlyList<string> Returned(string logs) => Keys(ReturnedLine(), logs);

    /// <summary>
    /// Every batch is in Redis exactly as planned, and no batch was stored twice over the whole run,
    /// whatever was killed on the way. Redis is the record of what is stored; the silos' "stored
    /// batch" lines witness how often. A SIGKILLed silo loses the lines still queued in its console
    /// logger (up to 32 of 180 went missing across three killed silos on a loaded CI machine), so the
    /// lines are only required to be a subset of Redis's keys with no key twice, and to cover most
    /// of them, so that the witness cannot silently go empty.
    /// </summary>
    public static void AssertEachStoredOnce(string logs, IReadOnlyList<string> storedInRedis, int batches)
    {
        Assert.Equal(batches, storedInRedis.Count);
        Assert.Equal(batches, storedInRedis.Distinct(StringComparer.Ordinal).Count());

        IReadOnlyList<string> lines = Stored(logs);
        var twice = lines.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "stored more than once: " + string.Join(", ", twice));
        var unknown = lines.Except(storedInRedis, StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, "logged as stored but not in Redis: " + string.Join(", ", unknown));
        Assert.True(lines.Count >= batches / 2, $"only {lines.Count} of {batches} 'stored batch' lines survived: the witness is too thin");
    }

    private static List<string> Keys(Regex line, string logs) => line.Matches(logs).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"computed batch (\S+) in")]
    private static partial Regex ComputedLine();

    [GeneratedRegex(@"stored batch (\S+)")]
    private static partial Regex StoredLine();

    [GeneratedRegex(@"returned batch (\S+) to the queue")]
    private static partial Regex ReturnedLine();
}
