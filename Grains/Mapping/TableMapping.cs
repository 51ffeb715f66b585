using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Grains.Mapping;

/// <summary>Point summaries into the physics scaling analysis, and its entries into table rows.</summary>
internal static class TableMapping
{
    public static ScalingTable Build(IEnumerable<PointSummary> summaries, IReadOnlyDictionary<string, int> nsByPoint, double strongDisorderMaxX)
    {
        var list = summaries.ToList();
        var betas = new List<PointBeta>();
        foreach (PointSummary s in list.Where(s => s.Status == PointStatus.Done))
        {
            Add(betas, s, Observable.Mag, s.FitMag);
            Add(betas, s, Observable.Pur, s.FitPur);
        }

        var (deviations, exponents) = FiniteSizeScaling.Build(betas, strongDisorderMaxX);
        var deviationRows = deviations
            .Select(e => new DeviationRow(e.D, e.Alpha, e.Observable, e.N, e.XCount, e.MeanBeta, e.BetaStd, e.MeanBetaJackknifeError, e.Deviation))
            .ToArray();
        var exponentRows = exponents.Select(e => new ExponentRow(
            e.D,
            e.Alpha,
            e.Observable,
            e.BetaInf,
            e.N,
            e.N.Select(n => MaxNs(list, nsByPoint, e.D, e.Alpha, n, strongDisorderMaxX)).ToArray(),
            e.Fit.IsSuccess ? e.Fit.P : double.NaN,
            e.Fit.IsSuccess ? e.Fit.PErr : double.NaN,
            e.Fit.IsSuccess ? e.Fit.Amplitude : double.NaN,
            e.Fit.IsSuccess && e.Fit.Weighted,
            e.Fit.IsSuccess ? null : e.Fit.Reason)).ToArray();
        bool partial = list.Any(s => s.Status != PointStatus.Done);
        return new ScalingTable(deviationRows, exponentRows, strongDisorderMaxX, partial);
    }

    private static void Add(List<PointBeta> betas, PointSummary s, Observable observable, FitData? fit)
    {
        // The p fit of an observable uses only points of blocks that declare it.
        if (fit is { Ok: true } && s.Observables.Contains(observable))
        {
            betas.Add(new PointBeta(s.Key.D, s.Key.Alpha, s.Key.X, s.Key.N, observable, fit.Beta, fit.BetaJackknifeError));
        }
    }

    private static int MaxNs(List<PointSummary> list, IReadOnlyDictionary<string, int> nsByPoint, int d, double alpha, int n, double maxX)
        => list.Where(s => s.Key.D == d && s.Key.Alpha.Equals(alpha) && s.Key.N == n && s.Key.X <= maxX)
            .Select(s => nsByPoint.GetValueOrDefault(s.Key.GrainKey))
            .DefaultIfEmpty(0)
            .Max();
}
