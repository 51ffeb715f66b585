using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;
using Sweep.Physics.Time;
using Sweep.Physics.Points;

namespace Sweep.Client.Reports;

/// <summary>Builds every figure of a report from what is stored; nothing is written here.</summary>
internal static class ReportBuilder
{
    public static ReportContents Build(ReportSource source, GridPoint? fig1Point)
    {
        ArgumentNullException.ThrowIfNull(source);
        string unit = UnitNote(source.Settings);
        SnapshotPoint? chosen = Fig1PointChoice.Choose(source.Snapshots, fig1Point);
        Figure[] fig1 = chosen is null
            ? []
            :
            [
                Fig1Curves.Build(chosen, Observable.Mag, unit),
                Fig1Histograms.Build(chosen, Observable.Mag, unit),
                Fig1Curves.Build(chosen, Observable.Pur, unit),
                Fig1Histograms.Build(chosen, Observable.Pur, unit),
            ];
        string? missing = chosen is null
            ? "no point has single-spin snapshot data yet (it is stored when a point's first batch finishes; points computed by older versions have none)"
            : null;

        CampaignFigures fig2 = Fig2(source.Results.Select(FittedPoint.From).ToList(), source.Table);
        PointPage[] pages = source.Results
            .OrderBy(r => r.Key.D).ThenBy(r => r.Key.Alpha).ThenBy(r => r.Key.X).ThenBy(r => r.Key.N)
            .Select(r => new PointPage(r, unit) { Target = source.Targets.GetValueOrDefault(r.Key.GrainKey) })
            .ToArray();
        return new ReportContents(source, chosen, missing, fig1, fig2.Fig2a, fig2.Fig2b, fig2.Fig2c, pages);
    }

    /// <summary>Fig. 2(a), (b) and (c) from the finished points' fits and the scaling table over them.</summary>
    public static CampaignFigures Fig2(IReadOnlyList<FittedPoint> finished, ScalingTable table)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(table);
        Figure[] fig2a = Fig2aBetaVersusX.Groups(finished)
            .Select(g => Fig2aBetaVersusX.Build(g.Key.D, g.Key.Alpha, g.Key.N, g))
            .ToArray();
        Figure[] fig2b = table.Deviations
            .Select(r => (r.D, r.Alpha))
            .Distinct()
            .OrderBy(p => p.D).ThenBy(p => p.Alpha)
            .Select(p => Fig2bDeviation.Build(p.D, p.Alpha, table.Deviations, table.Exponents, table.StrongDisorderMaxX))
            .ToArray();
        Figure? fig2c = table.Exponents.Length > 0 ? Fig2cExponents.Build(table.Exponents) : null;
        return new CampaignFigures(fig2a, fig2b, fig2c);
    }

    public static string UnitNote(PointSettingsData? settings)
        => settings?.TimeUnit == TimeUnit.PerRealization
            ? "t = J_NN tau, J_NN = each realization's median nearest-neighbour coupling"
            : "t = J_NN,inf tau, J_NN,inf = (n V_d / ln 2)^(alpha/d), C = 1, r0 = 1";
}
