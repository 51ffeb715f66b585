using System.Text.RegularExpressions;

namespace Sweep.Cluster.Tests;

/// <summary>Reads the silos' "computed batch" and "stored batch" lines: how the tests count (re)computation.</summary>
internal static partial class BatchLog
{
    public static IReadOnlyList<string> Computed(string logs) => Keys(ComputedLine(), logs);

    public static IReadOnlyList<string> Stored(string logs) => Keys(StoredLine(), logs);

    /// <summary>
    /// No batch stored twice over the whole run, whatever was killed on the way, and every batch
    /// stored. A SIGKILLed silo loses the log lines still queued in its console logger, so up to
    /// <paramref name="linesLostPerKill"/> lines per killed silo may be missing from the witness
    /// (5 went missing once, after batches got faster and more lines were queued at the kill);
    /// that every batch really is stored is asserted by the points' realization counts.
    /// </summary>
    public static void AssertEachStoredOnce(string logs, int batches, int killedSilos = 0, int linesLostPerKill = 8)
    {
        IReadOnlyList<string> stored = Stored(logs);
        var twice = stored.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "stored more than once: " + string.Join(", ", twice));
        Assert.InRange(stored.Count, batches - (killedSilos * linesLostPerKill), batches);
    }

    private static List<string> Keys(Regex line, string logs) => line.Matches(logs).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"computed batch (\S+) in")]
    private static partial Regex ComputedLine();

    [GeneratedRegex(@"stored batch (\S+)")]
    private static partial Regex StoredLine();
}
