namespace Sweep.Client.Dashboard;

/// <summary>
/// When the dashboard draws a campaign's Fig. 2 again: only when more points have finished,
/// and no sooner than <see cref="MinimumAge"/> nor than <see cref="CostFactor"/> times what the
/// last read and drawing cost. Figures of hundreds of points take a noticeable fraction of a
/// second to read and draw, and an open page asks for them whenever a point finishes. Bounded
/// by its own cost, the dashboard's share of the machine stays near 1/CostFactor whatever the
/// campaign's size (docs/PERFORMANCE.md, "Dashboard overhead").
/// </summary>
internal static class ReportFreshness
{
    /// <summary>The shortest time between two drawings of one campaign's figures.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(30);

    /// <summary>How many times their own cost drawn figures wait before they are drawn again.</summary>
    public const double CostFactor = 50;

    /// <summary>Whether figures drawn at <paramref name="builtAt"/> with <paramref name="builtDone"/> points finished, which cost <paramref name="costSeconds"/> to read and draw, are to be drawn again.</summary>
    public static bool Stale(DateTime builtAt, long builtDone, double costSeconds, DateTime now, long done)
        => done != builtDone && now - builtAt >= Wait(costSeconds);

    /// <summary>How long figures that cost <paramref name="costSeconds"/> are kept.</summary>
    public static TimeSpan Wait(double costSeconds)
        => TimeSpan.FromSeconds(Math.Max(MinimumAge.TotalSeconds, CostFactor * Math.Max(0, costSeconds)));
}
