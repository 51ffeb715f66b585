namespace Sweep.Client.Dashboard;

/// <summary>
/// When the dashboard builds a campaign's report again: only when more points have finished,
/// and no sooner than <see cref="MinimumAge"/> nor than <see cref="CostFactor"/> times what the
/// last build and its figures cost. A report of hundreds of points takes seconds to read and
/// draw, and an open page asks for it whenever a point finishes; rebuilt every 10 s it made
/// fig2bc-small.json's run 28% slower, and 3.4% with its figures drawn once per build
/// (docs/PERFORMANCE.md). Bounded by its own cost, the
/// dashboard's share of the machine stays near 1/CostFactor whatever the campaign's size.
/// </summary>
internal static class ReportFreshness
{
    /// <summary>The shortest time between two builds of one campaign's report.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(30);

    /// <summary>How many times its own cost a report waits before it is built again.</summary>
    public const double CostFactor = 50;

    /// <summary>Whether a report built at <paramref name="builtAt"/> with <paramref name="builtDone"/> points finished, which cost <paramref name="costSeconds"/> to build and draw, is to be built again.</summary>
    public static bool Stale(DateTime builtAt, int builtDone, double costSeconds, DateTime now, int done)
        => done != builtDone && now - builtAt >= Wait(costSeconds);

    /// <summary>How long a report that cost <paramref name="costSeconds"/> is kept.</summary>
    public static TimeSpan Wait(double costSeconds)
        => TimeSpan.FromSeconds(Math.Max(MinimumAge.TotalSeconds, CostFactor * Math.Max(0, costSeconds)));
}
