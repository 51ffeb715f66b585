namespace Sweep.Client.Dashboard;

/// <summary>
/// When the dashboard draws a campaign's report again: only when more points have finished, and
/// then at most once per <see cref="MinimumAge"/>. A report reads every finished point's result
/// and draws every figure; rebuilt on each 2 s poll of a campaign whose points finish every few
/// seconds, it cost the run 4 to 6% of its speed (docs/PERFORMANCE.md, "Dashboard overhead").
/// </summary>
internal static class ReportFreshness
{
    /// <summary>The shortest time between two builds of one campaign's report.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(10);

    /// <summary>Whether a report built at <paramref name="builtAt"/> with <paramref name="builtDone"/> points finished is to be built again.</summary>
    public static bool Stale(DateTime builtAt, int builtDone, DateTime now, int done)
        => done != builtDone && now - builtAt >= MinimumAge;
}
