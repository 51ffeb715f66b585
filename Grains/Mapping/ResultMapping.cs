using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Grains.Mapping;

/// <summary>A physics analysis as a stored point result.</summary>
internal static class ResultMapping
{
    public static PointResult ToResult(this PointAnalysis a, PointKey key, Provenance provenance) => new(
        key,
        a.Average.Realizations,
        a.T,
        a.Average.Mag,
        a.Average.MagSem,
        a.Average.Pur,
        a.Average.PurSem,
        a.Average.JnnRatio,
        a.Average.JnnRatioSem,
        a.Mag.ToData(),
        a.Pur.ToData(),
        provenance);

    public static FitData ToData(this ObservableFit f)
    {
        if (!f.Fit.IsSuccess)
        {
            return new FitData(f.Fit.Reason, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, f.JackknifeNote, -1, -1, double.NaN, double.NaN);
        }

        var w = f.Fit.Window;
        return new FitData(null, f.Fit.A, f.Fit.Gamma, f.Fit.Beta, f.Fit.AErr, f.Fit.GammaErr, f.Fit.BetaErr, f.BetaJackknifeError, f.JackknifeNote, w.I0, w.I1, w.T0, w.T1);
    }
}
