using System.Globalization;
using ScottPlot;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Analytic;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Reports;

/// <summary>
/// Fig. 1 (top): single-spin curves P_i(t) (or P_i(t)^2) of one realization, coloured by each
/// spin's nearest-neighbour coupling, with the ensemble average and the analytic
/// thermodynamic-limit curve, on a log t axis.
/// </summary>
internal static class Fig1Curves
{
    public static readonly string[] Columns = ["t", "value", "jnn_over_jnn_inf"];

    public static Figure Build(SnapshotPoint point, Observable observable, string unitNote)
    {
        ArgumentNullException.ThrowIfNull(point);
        SpinSnapshotSummary s = point.Snapshot;
        PointKey k = point.Key;
        bool pur = observable == Observable.Pur;
        var series = new List<PlottedSeries>();
        var plot = new Plot();
        double[] logT = LogAxis.ToLog(s.T);
        var colors = new CouplingColorScale(s.WeakestCoupling, s.StrongestCoupling);

        for (int c = 0; c < s.Spins.Length; c++)
        {
            int i = s.Spins[c];
            double nn = s.SpinCouplings[c];
            double[] v = s.Curve(c).ToArray().Select(p => pur ? p * p : p).ToArray();
            series.Add(new PlottedSeries($"spin {i}", s.T.Select((t, j) => new[] { t, v[j], nn }).ToList()));
            var line = plot.Add.ScatterLine(logT, v, colors.ColorOf(nn));
            line.LineWidth = 1;
        }

        if (point.Result is { } r)
        {
            double[] ens = pur ? r.Pur : r.Mag;
            series.Add(new PlottedSeries(pur ? "ensemble pur" : "ensemble mag", r.T.Select((t, j) => new[] { t, ens[j], double.NaN }).ToList()));
            var line = plot.Add.ScatterLine(LogAxis.ToLog(r.T), ens, Colors.Red);
            line.LineWidth = 3;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"ensemble {observable.Name()} (Ns = {r.Realizations})");
        }

        double[] analytic = s.T.Select(t => pur ? ThermodynamicLimit.Pur(k.D, k.Alpha, t) : ThermodynamicLimit.Mag(k.D, k.Alpha, t)).ToArray();
        series.Add(new PlottedSeries("analytic N->inf", s.T.Select((t, j) => new[] { t, analytic[j], double.NaN }).ToList()));
        var limit = plot.Add.ScatterLine(logT, analytic, Colors.Black);
        limit.LineWidth = 2;
        limit.LinePattern = LinePattern.Dashed;
        limit.LegendText = "analytic, N -> inf";

        var bar = plot.Add.ColorBar(colors);
        bar.Label = "log10( J_NN,i / J_NN,inf )";
        string what = pur ? "P_i(t)^2" : "P_i(t)";
        string title = string.Create(CultureInfo.InvariantCulture, $"Fig. 1: {what}, {s.Spins.Length} of {s.N} spins (realization {s.R}), d = {k.D}, alpha = {k.Alpha:R}, x = {k.X:R}, N = {k.N}");
        plot.Title(title, size: 16);
        plot.XLabel($"t  ({unitNote}, log scale)");
        plot.YLabel(pur ? "P_i(t)^2  and  pur(t) = 2 purity - 1" : "P_i(t) = <sigma_x,i>  and  mag(t)");
        LogAxis.Apply(plot.Axes.Bottom, s.T);
        plot.Axes.SetLimitsY(pur ? -0.02 : -1.02, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        string note = $"columns: t ({unitNote}); value = {(pur ? "P_i^2 or pur" : "P_i or mag")}; jnn_over_jnn_inf = the spin's largest coupling max_k J_ik divided by J_NN,inf (C = 1, r0 = 1), empty for averages. Single spins are evenly spaced in rank of that coupling.";
        return new Figure(pur ? "fig1_pur" : "fig1_mag", title, plot, FigureSize.PaperWidth, FigureSize.PaperHeight, Columns, series, note);
    }
}
