using System.Globalization;
using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Output;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;
using Sweep.Physics.Time;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep export CAMPAIGN --out DIR`: every finished point's curves and fits, the per-point
/// fit table and the scaling tables, as CSV and JSON.
/// </summary>
internal static class ExportCommand
{
    public static async Task<int> RunAsync(string campaignName, string outDir, bool force, TargetOptions target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Checked before reading: a wrong --out must not cost a cluster read, nor touch anything.
        OutputDirectory output = OutputDirectory.Check(outDir, "export", force);
        CampaignReadout campaign;
        await using (ICampaignTarget source = await CampaignTargets.OpenAsync(target, stderr, cancellationToken))
        {
            campaign = await source.ReadAsync(campaignName, withResults: true, cancellationToken);
        }

        output.Create();
        CampaignStatus status = campaign.Status;
        output.WriteText("spec.json", campaign.SpecJson ?? "{}");
        output.WriteText("table.json", TableWriter.Render(campaign.Table, status.PointSummaries, "json"));
        output.WriteText("table.csv", TableWriter.Render(campaign.Table, status.PointSummaries, "csv"));

        IReadOnlyList<PointResult> results = campaign.Results ?? throw new InvalidOperationException("the results were asked for");
        var fits = new CsvWriter().Row("d", "alpha", "x", "N", "realizations", "observable", "A", "gamma", "beta", "A_err", "gamma_err", "beta_err", "beta_err_jackknife", "i0", "i1", "t0", "t1", "error");
        foreach (PointResult r in results)
        {
            string stem = FileStem(r.Key);
            output.WriteText(Path.Combine("points", stem + ".csv"), CurvesCsv(r));
            output.WriteText(Path.Combine("points", stem + ".json"), PointResultJson.Write(r));
            AppendFit(fits, r, ObservableNames.Mag, r.FitMag);
            AppendFit(fits, r, ObservableNames.Pur, r.FitPur);
        }

        output.WriteText("fits.csv", fits.ToString());
        stdout.WriteLine($"exported {results.Count} finished points of {status.Points} to {output.Path}{(results.Count < status.Points ? " (partial: the campaign is not finished)" : string.Empty)}");
        return 0;
    }

    public static string FileStem(PointKey k)
        => string.Create(CultureInfo.InvariantCulture, $"d{k.D}_alpha{k.Alpha:R}_x{k.X:R}_N{k.N}");

    public static string CurvesCsv(PointResult r)
    {
        var csv = new CsvWriter();
        csv.Line(string.Create(CultureInfo.InvariantCulture, $"# d={r.Key.D} alpha={r.Key.Alpha:R} x={r.Key.X:R} N={r.Key.N} Ns={r.Realizations} time_unit={r.Provenance.Settings.TimeUnit.Name()}; t dimensionless (see spec.json); sem = standard error of the mean"));
        csv.Row("t", "mag", "mag_sem", "pur", "pur_sem");
        for (int k = 0; k < r.T.Length; k++)
        {
            csv.Row(CsvWriter.Number(r.T[k]), CsvWriter.Number(r.Mag[k]), CsvWriter.Number(r.MagSem[k]), CsvWriter.Number(r.Pur[k]), CsvWriter.Number(r.PurSem[k]));
        }

        return csv.ToString();
    }

    private static void AppendFit(CsvWriter csv, PointResult r, string observable, FitData f)
        => csv.Row(
            CsvWriter.Integer(r.Key.D),
            CsvWriter.Number(r.Key.Alpha),
            CsvWriter.Number(r.Key.X),
            CsvWriter.Integer(r.Key.N),
            CsvWriter.Integer(r.Realizations),
            observable,
            CsvWriter.Number(f.A),
            CsvWriter.Number(f.Gamma),
            CsvWriter.Number(f.Beta),
            CsvWriter.Number(f.AErr),
            CsvWriter.Number(f.GammaErr),
            CsvWriter.Number(f.BetaErr),
            CsvWriter.Number(f.BetaJackknifeError),
            CsvWriter.Integer(f.I0),
            CsvWriter.Integer(f.I1),
            CsvWriter.Number(f.T0),
            CsvWriter.Number(f.T1),
            f.Error);
}
