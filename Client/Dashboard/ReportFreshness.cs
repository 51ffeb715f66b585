namespace Sweep.Client.Dashboard;

/// <summary>
/// When the dashboard draws a campaign's report again: only when more points have finished, and
/// then at most once per <see cref="MinimumAge"/>. A report reads every finished point's result
/// and makes every Fig. 2 plot, and points of a running campaign finish every few seconds, so
/// building it on each 2 s poll would take a page's cost out of the run's compute slots. Even at
/// one build per 10 s a page that loads figures still slows a run a lot on 2 cores
/// (docs/PERFORMANCE.md, "Dashboard overhead").
/// </summary>
internal static class ReportFreshness
{
    /// <summary>The shortest time between two builds of one campaign's report.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(10);

    /// <summary>Whether a report built at <paramref name="builtAt"/> with <paramref name="builtDone"/> points finished is to be built again.</summary>
    public static bool Stale(DateTime builtAt, int builtDone, DateTime now, int done)
        => done != builtDone && now - builtAt >= MinimumAge;
}
