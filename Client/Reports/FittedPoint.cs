using Sweep.Grains.Interfaces;

namespace Sweep.Client.Reports;

/// <summary>
/// What Fig. 2(a) needs of a finished point: its key, both fits and its Ns. A point's summary
/// carries them as well as its full result does, so the dashboard draws Fig. 2 from the status
/// it reads every second anyway instead of reading every finished point's curves.
/// </summary>
internal sealed record FittedPoint(PointKey Key, FitData FitMag, FitData FitPur, long Realizations)
{
    public static FittedPoint From(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FittedPoint(result.Key, result.FitMag, result.FitPur, result.Realizations);
    }

    /// <summary>
    /// The finished points of a status, in its order. Ns is what the result averages: the planned
    /// Ns, or under a precision target its stopping checkpoint (batches computed past the stop
    /// are not in the result).
    /// </summary>
    public static IReadOnlyList<FittedPoint> FinishedOf(IEnumerable<PointSummary> summaries)
        => summaries
            .Where(s => s.Status == PointStatus.Done && s.FitMag is not null && s.FitPur is not null)
            .Select(s => new FittedPoint(s.Key, s.FitMag!, s.FitPur!, s.Target is null ? s.RealizationsDone : s.RealizationsTarget))
            .ToList();
}
