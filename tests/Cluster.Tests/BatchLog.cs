using System.Text.RegularExpressions;

namespace Sweep.Cluster.Tests;

/// <summary>Reads the silos' "computed batch" and "stored batch" lines: how the tests count (re)computation.</summary>
internal static partial class BatchLog
{
    public static IReadOnlyList<string> Computed(string logs) => Keys(ComputedLine(), logs);

    public static IReadOnlyList<string> Stored(string logs) => Keys(StoredLine(), logs);

    /// <summary>Every batch stored exactly once over the whole run, whatever was killed on the way.</summary>
    public static void AssertEachStoredOnce(string logs, int batches)
    {
        IReadOnlyList<string> stored = Stored(logs);
        var twice = stored.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "stored more than once: " + string.Join(", ", twice));
        Assert.Equal(batches, stored.Count);
    }

    private static List<string> Keys(Regex line, string logs) => line.Matches(logs).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"computed batch (\S+) in")]
    private static partial Regex ComputedLine();

    [GeneratedRegex(@"stored batch (\S+)")]
    private static partial Regex StoredLine();
}
