using System.Globalization;
using ScottPlot;
using Sweep.Client.Commands;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Analytic;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Reports;

/// <summary>
/// One finished point's averaged mag or pur on its own page: the average with a band of one
/// standard error, the fitted stretched exponential, the analytic thermodynamic-limit curve
/// and the fit window, on a log t axis.
/// </summary>
internal static class PointCurve
{
    public static readonly string[] Columns = ["t", "value", "sem", "fit", "analytic", "in_fit_window"];

    public static string Stem(PointKey key, Observable observable) => $"points/{ExportCommand.FileStem(key)}_{observable.Name()}";

    public static double FitValue(FitData fit, double t) => fit.Ok ? fit.A * Math.Exp(-Math.Pow(fit.Gamma * t, fit.Beta)) : double.NaN;

    public static Figure Build(PointResult r, Observable observable, string unitNote)
    {
        ArgumentNullException.ThrowIfNull(r);
        bool pur = observable == Observable.Pur;
        double[] v = pur ? r.Pur : r.Mag;
        double[] sem = pur ? r.PurSem : r.MagSem;
        FitData fit = pur ? r.FitPur : r.FitMag;
        PointKey k = r.Key;
        var rows = new List<double[]>();
        for (int j = 0; j < r.T.Length; j++)
        {
            double t = r.T[j];
            double analytic = pur ? ThermodynamicLimit.Pur(k.D, k.Alpha, t) : ThermodynamicLimit.Mag(k.D, k.Alpha, t);
            rows.Add([t, v[j], sem[j], FitValue(fit, t), analytic, fit.Ok && j >= fit.I0 && j <= fit.I1 ? 1 : 0]);
        }

        var plot = new Plot();
        double[] logT = LogAxis.ToLog(r.T);
        var band = plot.Add.FillY(logT, rows.Select(x => x[1] - x[2]).ToArray(), rows.Select(x => x[1] + x[2]).ToArray());
        band.FillColor = Colors.C0.WithAlpha(0.35);
        band.LegendText = "+- 1 standard error";
        var data = plot.Add.ScatterLine(logT, v, Colors.C0);
        data.LineWidth = 2;
        data.LegendText = string.Create(CultureInfo.InvariantCulture, $"{observable.Name()}, average of Ns = {r.Realizations}");
        if (fit.Ok)
        {
            var f = plot.Add.ScatterLine(logT, rows.Select(x => x[3]).ToArray(), Colors.Red);
            f.LinePattern = LinePattern.Dashed;
            f.LineWidth = 2;
            f.LegendText = string.Create(CultureInfo.InvariantCulture, $"fit: A = {fit.A:0.####}, gamma = {fit.Gamma:G4}, beta = {fit.Beta:0.####} +- {fit.BetaJackknifeError:0.####}");
            plot.Add.VerticalLine(LogAxis.ToLog(fit.T0), 1, Colors.Gray, LinePattern.Dotted).LegendText = "fit window";
            plot.Add.VerticalLine(LogAxis.ToLog(fit.T1), 1, Colors.Gray, LinePattern.Dotted);
        }

        var a = plot.Add.ScatterLine(logT, rows.Select(x => x[4]).ToArray(), Colors.Black);
        a.LinePattern = LinePattern.Dotted;
        a.LineWidth = 2;
        a.LegendText = string.Create(CultureInfo.InvariantCulture, $"analytic N -> inf, beta = d/alpha = {(double)k.D / k.Alpha:0.####}");

        string title = string.Create(CultureInfo.InvariantCulture, $"{observable.Name()}(t): d = {k.D}, alpha = {k.Alpha:R}, x = {k.X:R}, N = {k.N}{(fit.Ok ? string.Empty : " (fit failed: " + fit.Error + ")")}");
        plot.Title(title, size: 15);
        plot.XLabel($"t  ({unitNote}, log scale)");
        plot.YLabel(pur ? "pur(t) = (1/N) sum_i P_i^2 = 2 purity - 1" : "mag(t) = (1/N) sum_i P_i = 2 <s_x>");
        LogAxis.Apply(plot.Axes.Bottom, r.T);
        plot.ShowLegend(Alignment.LowerLeft);
        string note = $"t in {unitNote}; sem = standard error of the mean over realizations; fit = A exp(-(gamma t)^beta) on the whole grid, fitted only where in_fit_window = 1; analytic = thermodynamic limit.";
        return new Figure(Stem(k, observable), title, plot, FigureSize.PageWidth, FigureSize.PageHeight, Columns, [new PlottedSeries(observable.Name(), rows)], note);
    }
}
