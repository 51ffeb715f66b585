using System.Globalization;
using Sweep.Client.Commands;
using Sweep.Physics.Analytic;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;
using Sweep.Physics.Time;

namespace Sweep.Client.Output;

/// <summary>The human-readable summary of `sweep point`.</summary>
internal static class PointReport
{
    public static void Write(TextWriter w, GridPoint point, int ns, PointSettings settings, PointAnalysis a, double wallSeconds)
    {
        var c = CultureInfo.InvariantCulture;
        double betaInf = ThermodynamicLimit.Beta(point.D, point.Alpha);
        w.WriteLine(string.Create(c, $"grid point {point}, Ns = {ns}, seed = {settings.Seed}, {settings.TimePoints} time points, kernel {settings.Kernel.Code}"));
        w.WriteLine($"time unit: {settings.TimeUnit.Name()} ({PointCommand.TimeUnitSentence(point, settings.TimeUnit)})");
        w.WriteLine(string.Create(c, $"analytic (N -> inf): beta = d/alpha = {betaInf:F6}, gamma_m = {ThermodynamicLimit.GammaMOverJnn(point.D, point.Alpha):G6} J_NN,inf, gamma_p = {ThermodynamicLimit.GammaPOverJnn(point.D, point.Alpha):G6} J_NN,inf"));
        w.WriteLine(string.Create(c, $"median J_NN / J_NN,inf = {a.Average.JnnRatio:F6} +- {a.Average.JnnRatioSem:F6} (mean +- standard error over realizations)"));
        WriteFit(w, ObservableNames.Mag, a.Mag, a.T, betaInf);
        WriteFit(w, ObservableNames.Pur, a.Pur, a.T, betaInf);
        w.WriteLine(string.Create(c, $"wall time: {wallSeconds:F2} s"));
    }

    private static void WriteFit(TextWriter w, string name, ObservableFit f, double[] t, double betaInf)
    {
        var c = CultureInfo.InvariantCulture;
        if (!f.Fit.IsSuccess)
        {
            w.WriteLine($"{name}: fit failed: {f.Fit.Reason}");
            return;
        }

        var win = f.Fit.Window;
        string jack = double.IsNaN(f.BetaJackknifeError) ? $"n/a ({f.JackknifeNote})" : f.BetaJackknifeError.ToString("F4", c);
        w.WriteLine(string.Create(c, $"{name}: beta = {f.Fit.Beta:F4} +- {jack} (jackknife over {f.JackknifeBlocks} blocks; fit error {f.Fit.BetaErr:F4}), beta - d/alpha = {f.Fit.Beta - betaInf:+0.0000;-0.0000}"));
        w.WriteLine(string.Create(c, $"{"",5}gamma = {f.Fit.Gamma:G6} +- {f.Fit.GammaErr:G2} (unit of t), A = {f.Fit.A:F5} +- {f.Fit.AErr:G2}, window t = {win.T0:G4} .. {win.T1:G4} (points {win.I0}..{win.I1} of {t.Length})"));
    }
}
