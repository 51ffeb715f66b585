using System.Globalization;
using Sweep.Client.Cli;
using Sweep.Physics.Points;

namespace Sweep.Client.Reports;

/// <summary>
/// Which point Fig. 1 is drawn for: the one asked for with --point, else the paper's choice
/// (the largest N of d = 3, alpha = 6, smallest x among those), else the largest N with a
/// snapshot.
/// </summary>
internal static class Fig1PointChoice
{
    public static SnapshotPoint? Choose(IReadOnlyList<SnapshotPoint> snapshots, GridPoint? requested)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (requested is { } q)
        {
            return snapshots.FirstOrDefault(s => s.Key.Point == q)
                ?? throw UsageException.ForOption("--point", string.Create(CultureInfo.InvariantCulture, $"no stored Fig. 1 snapshot for d={q.D} alpha={q.Alpha:R} x={q.X:R} N={q.N} (its first batch has not finished, or the point is not in the campaign)"));
        }

        static IOrderedEnumerable<SnapshotPoint> Best(IEnumerable<SnapshotPoint> s)
            => s.OrderByDescending(p => p.Key.N).ThenBy(p => p.Key.X).ThenByDescending(p => p.Result is not null);

        return Best(snapshots.Where(s => s.Key.D == 3 && s.Key.Alpha == 6)).FirstOrDefault()
            ?? Best(snapshots).ThenBy(p => p.Key.D).ThenBy(p => p.Key.Alpha).FirstOrDefault();
    }

    /// <summary>Parses "d,alpha,x,N".</summary>
    public static GridPoint Parse(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length == 4
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int d)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double alpha)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
            && int.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
        {
            return new GridPoint(d, alpha, x, n);
        }

        throw UsageException.ForOption("--point", $"expects d,alpha,x,N such as 3,6,1e-4,1300 (got '{text}')");
    }
}
