using System.Text.Json;
using System.Text.RegularExpressions;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Analytic;
using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Tests.Reports;

public partial class ReportTests : IClassFixture<ReportFixture>
{
    private readonly ReportFixture _f;

    public ReportTests(ReportFixture fixture) => _f = fixture;

    private IEnumerable<Figure> Figures => _f.Contents.AllFigures;

    private Figure Named(string stem) => Assert.Single(Figures, f => f.Stem == stem);

    private static PlottedSeries Series(Figure f, string name) => Assert.Single(f.Series, s => s.Name == name);

    [Fact]
    public void ReportHasEveryKindOfFigure()
    {
        string[] stems = Figures.Select(f => f.Stem).ToArray();
        Assert.Equal(["fig1_mag", "fig1_mag_hist", "fig1_pur", "fig1_pur_hist"], _f.Contents.Fig1.Select(f => f.Stem));
        Assert.Equal(["fig2a_d3_alpha6_N12", "fig2a_d3_alpha6_N60"], _f.Contents.Fig2a.Select(f => f.Stem));
        Assert.Equal(["fig2b_d2_alpha2", "fig2b_d2_alpha3", "fig2b_d3_alpha6"], _f.Contents.Fig2b.Select(f => f.Stem));
        Assert.Contains("fig2c", stems);
        Assert.Equal(14, _f.Contents.Points.Count);
        Assert.Equal(4 + 2 + 3 + 1 + (14 * 3), stems.Length);
        Assert.Equal(stems.Length, stems.Distinct().Count());
        Assert.False(_f.Source.Partial);
    }

    [Fact]
    public void EveryFigureIsAPngOfItsSizeWithCsvAndJsonBeside()
    {
        foreach (Figure f in Figures)
        {
            string png = Path.Combine(_f.OutDir, f.Stem + ".png");
            Assert.True(File.Exists(png), png);
            Assert.Equal((f.Width, f.Height), PngHeader.Read(png));
            Assert.True(File.Exists(Path.Combine(_f.OutDir, f.Stem + ".csv")), f.Stem);
            Assert.True(File.Exists(Path.Combine(_f.OutDir, f.Stem + ".json")), f.Stem);
        }

        Assert.Equal((1200, 800), PngHeader.Read(Path.Combine(_f.OutDir, "fig1_mag.png")));
        Assert.Equal((960, 640), PngHeader.Read(Path.Combine(_f.OutDir, "points", "d3_alpha6_x0.001_N60_mag.png")));
        int pngs = Directory.GetFiles(_f.OutDir, "*.png", SearchOption.AllDirectories).Length;
        Assert.Equal(Figures.Count(), pngs);
    }

    [Fact]
    public void CsvAndJsonBesideEachFigureHoldExactlyItsSeries()
    {
        foreach (Figure f in Figures)
        {
            var (header, rows) = CsvTable.Read(Path.Combine(_f.OutDir, f.Stem + ".csv"));
            Assert.Equal(new[] { "series" }.Concat(f.Columns), header);
            var expected = f.Series.SelectMany(s => s.Rows.Select(r => (s.Name, r))).ToList();
            Assert.Equal(expected.Count, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(expected[i].Name, rows[i].Series);
                Assert.Equal(expected[i].r, rows[i].Values);
            }

            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_f.OutDir, f.Stem + ".json")));
            JsonElement[] series = json.RootElement.GetProperty("series").EnumerateArray().ToArray();
            Assert.Equal(f.Series.Select(s => s.Name), series.Select(s => s.GetProperty("name").GetString()));
            Assert.Equal(
                f.Series.SelectMany(s => s.Rows).SelectMany(r => r),
                series.SelectMany(s => s.GetProperty("rows").EnumerateArray()).SelectMany(r => r.EnumerateArray()).Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()));
        }
    }

    [Fact]
    public void Fig1IsDrawnFromTheStoredSnapshotOfTheLargestNAtAlpha6()
    {
        SnapshotPoint p = Assert.IsType<SnapshotPoint>(_f.Contents.Fig1Point);
        Assert.Equal((3, 6.0, 0.001, 60), (p.Key.D, p.Key.Alpha, p.Key.X, p.Key.N));
        SpinSnapshotSummary s = p.Snapshot;
        PointResult r = Assert.IsType<PointResult>(p.Result);
        Assert.Equal(s.Spins, Assert.IsType<SpinSnapshotData>(r.Snapshot).Spins);
        Assert.Equal(60, s.N);
        Assert.Equal(50, s.Spins.Length);
        Assert.Equal(r.T, s.T);

        Figure mag = Named("fig1_mag");
        for (int c = 0; c < s.Spins.Length; c++)
        {
            int i = s.Spins[c];
            double[][] rows = Series(mag, $"spin {i}").Rows.ToArray();
            Assert.Equal(s.T.Length, rows.Length);
            for (int k = 0; k < s.T.Length; k++)
            {
                Assert.Equal([s.T[k], s.Curves[c * s.T.Length + k], s.SpinCouplings[c]], rows[k]);
            }
        }

        Assert.Equal(r.Mag, Series(mag, "ensemble mag").Rows.Select(row => row[1]));
        Assert.Equal(s.T.Select(t => ThermodynamicLimit.Mag(3, 6, t)), Series(mag, "analytic N->inf").Rows.Select(row => row[1]));
        Assert.Equal(r.Pur, Series(Named("fig1_pur"), "ensemble pur").Rows.Select(row => row[1]));
        Assert.Equal(s.Curves[..s.T.Length].Select(v => v * v), Series(Named("fig1_pur"), $"spin {s.Spins[0]}").Rows.Select(row => row[1]));
    }

    // P_i of every spin of realization 0 of the Fig. 1 point at the h-th histogram time, computed here.
    private static double[] ExactAt(double time)
    {
        CouplingMatrix couplings = Realization.Couplings(new GridPoint(3, 6, 0.001, 60), ReportFixture.Seed, 0);
        var p = new double[60];
        SpinProductKernel.SpinProducts(couplings, time / ThermodynamicLimit.JnnInf(3, 6, 60), p, KernelPath.Scalar);
        return p;
    }

    [Fact]
    public void StoredSnapshotIsTheSummaryOfRealizationZero()
    {
        SpinSnapshotSummary s = _f.Contents.Fig1Point!.Snapshot;
        CouplingMatrix couplings = Realization.Couplings(new GridPoint(3, 6, 0.001, 60), ReportFixture.Seed, 0);
        double[] nn = couplings.NearestNeighbourCouplings.ToArray().Select(j => j / ThermodynamicLimit.JnnInf(3, 6, 60)).ToArray();
        Assert.Equal([1.0, 3.0, 10.0], s.HistogramTimes);
        Assert.Equal(s.Spins.Select(i => nn[i]), s.SpinCouplings);
        Assert.Equal(nn.Min(), s.WeakestCoupling);
        Assert.Equal(nn.Max(), s.StrongestCoupling);

        // The store holds the summary, not every spin's P_i.
        using var reader = Sweep.Grains.Storage.SweepStoreReader.Open(Path.Combine(_f.DataDir, "sweep.db"));
        SpinSnapshotData stored = Assert.IsType<SpinSnapshotData>(reader.Points(ReportFixture.Campaign)[_f.Contents.Fig1Point.Key.GrainKey].Snapshot);
        Assert.True(stored.IsSummary);
        Assert.Empty(stored.AtHistogramTimes);
        Assert.Empty(stored.NearestNeighbourCoupling);
        Assert.Equal(60, stored.N);
    }

    [Fact]
    public void Fig1HistogramsCountEverySpinAtExactlyT1T3T10()
    {
        SpinSnapshotSummary s = _f.Contents.Fig1Point!.Snapshot;
        foreach ((string stem, bool squared, double lo) in new[] { ("fig1_mag_hist", false, -1.0), ("fig1_pur_hist", true, 0.0) })
        {
            Figure f = Named(stem);
            for (int h = 0; h < 3; h++)
            {
                double[][] rows = Series(f, $"t = {s.HistogramTimes[h]}").Rows.ToArray();
                Assert.Equal(Fig1Histograms.Bins, rows.Length);
                Assert.Equal(s.N, rows.Sum(row => row[2]));
                double[] values = ExactAt(s.HistogramTimes[h]).Select(v => squared ? v * v : v).ToArray();
                for (int b = 0; b < rows.Length; b++)
                {
                    double a = rows[b][0];
                    double z = rows[b][1];
                    Assert.Equal(lo + ((1 - lo) * b / Fig1Histograms.Bins), a, 12);
                    int inBin = values.Count(v => v >= a && (v < z || (b == rows.Length - 1 && v <= z)));
                    Assert.Equal(inBin, rows[b][2]);
                }
            }
        }
    }

    [Fact]
    public void Fig2aIsTheStoredFitsOfEachX()
    {
        Figure f = Named("fig2a_d3_alpha6_N60");
        PointResult[] stored = _f.Source.Results.Where(r => r.Key is { D: 3, Alpha: 6, N: 60 }).OrderBy(r => r.Key.X).ToArray();
        Assert.Equal(3, stored.Length);
        Assert.Equal(stored.Select(r => new[] { r.Key.X, r.FitMag.Beta, r.FitMag.BetaJackknifeError }), Series(f, "mag").Rows);
        Assert.Equal(stored.Select(r => new[] { r.Key.X, r.FitPur.Beta, r.FitPur.BetaJackknifeError }), Series(f, "pur").Rows);
        Assert.All(Series(f, "d/alpha").Rows, row => Assert.Equal(0.5, row[1]));
    }

    [Fact]
    public void Fig2bAndFig2cAreTheScalingTable()
    {
        ScalingTable table = _f.Source.Table;
        Figure b = Named("fig2b_d2_alpha3");
        foreach (Observable observable in ObservableNames.All)
        {
            string o = observable.Name();
            DeviationRow[] rows = table.Deviations.Where(r => r.D == 2 && r.Alpha == 3 && r.Observable == observable).OrderBy(r => r.N).ToArray();
            Assert.Equal([10, 20], rows.Select(r => r.N));
            Assert.Equal(rows.Select(r => new[] { r.N, r.Deviation, r.BetaStd, r.BetaJackknifeError, r.MeanBeta, r.XCount }), Series(b, o).Rows);
            ExponentRow e = Assert.Single(table.Exponents, x => x.D == 2 && x.Alpha == 3 && x.Observable == observable);
            if (e.Error is null)
            {
                Assert.Equal([e.Amplitude * Math.Pow(10, -e.P), e.Amplitude * Math.Pow(20, -e.P)], Series(b, $"{o} power law").Rows.Select(r => r[1]));
            }
        }

        Figure c = Named("fig2c");
        var drawn = c.Series.SelectMany(s => s.Rows).OrderBy(r => r[0]).ThenBy(r => r[1]).ToArray();
        var expected = table.Exponents.Where(e => e.Error is null)
            .Select(e => new[] { e.D, e.Alpha, e.P, e.PErr })
            .OrderBy(r => r[0]).ThenBy(r => r[1]).ToArray();
        Assert.Equal(expected.Length, drawn.Length);
        Assert.All(expected, row => Assert.Contains(drawn, d => d.SequenceEqual(row)));
    }

    [Fact]
    public void PointPagesAreTheStoredCurvesAndFits()
    {
        foreach (PointPage page in _f.Contents.Points)
        {
            PointResult r = page.Result;
            double[][] mag = Assert.Single(page.Mag.Series).Rows.ToArray();
            Assert.Equal(r.T, mag.Select(x => x[0]));
            Assert.Equal(r.Mag, mag.Select(x => x[1]));
            Assert.Equal(r.MagSem, mag.Select(x => x[2]));
            Assert.Equal(r.PurSem, Assert.Single(page.Pur.Series).Rows.Select(x => x[2]));
            Assert.Equal(r.FitMag.I1 - r.FitMag.I0 + 1, Series(page.Residuals, "mag").Rows.Count);
            Assert.Equal(r.FitMag.I1 - r.FitMag.I0 + 1, mag.Count(x => x[5] == 1));
            Assert.True(File.Exists(Path.Combine(_f.OutDir, page.HtmlPath)), page.HtmlPath);
        }
    }

    [Fact]
    public void EnsembleSumsAreTheSameBitsAsTheStandalonePointCommand()
    {
        // The snapshot is computed beside the ensemble pass: the campaign's averages must still
        // equal those of `sweep point` with the same seed.
        var o = new StringWriter();
        int code = CommandLine.Run(["point", "--d", "3", "--alpha", "6", "--x", "0.001", "--n", "60", "--ns", $"{ReportFixture.Ns}", "--seed", $"{ReportFixture.Seed}", "--t-points", $"{ReportFixture.TimePoints}", "--json"], o, o);
        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(o.ToString());
        PointResult r = _f.Contents.Fig1Point!.Result!;
        Assert.Equal(r.Mag, doc.RootElement.GetProperty("mag").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(r.Pur, doc.RootElement.GetProperty("pur").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void IndexOpensFromDiskWithRelativeLinksOnly()
    {
        string html = File.ReadAllText(Path.Combine(_f.OutDir, "index.html"));
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Partial report", html, StringComparison.Ordinal);
        foreach (string needle in new[] { "Time unit: common", "master seed 11", "f &lt;= 0.99", "ScottPlot", "&quot;name&quot;: &quot;report-test&quot;", "Scaling table" })
        {
            Assert.Contains(needle, html, StringComparison.Ordinal);
        }

        string[] links = Link().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Contains("fig2c.png", links);
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(_f.OutDir, l)), l));
        foreach (Figure f in Figures.Where(f => !f.Stem.StartsWith("points/", StringComparison.Ordinal)))
        {
            Assert.Contains(f.Stem + ".png", links);
        }
    }

    [Fact]
    public void UnfinishedCampaignIsMarkedPartial()
    {
        ReportSource partial = _f.Source with { PointsTotal = _f.Source.PointsTotal + 1 };
        string html = ReportHtml.Index(ReportBuilder.Build(partial, null), DateTimeOffset.UnixEpoch);
        Assert.Contains("Partial report", html, StringComparison.Ordinal);
        Assert.Contains($"{partial.PointsDone} of {partial.PointsTotal} grid points are finished", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PointOptionChoosesFig1PointOrFailsNamingIt()
    {
        string other = Path.Combine(_f.Root, "other");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["report", ReportFixture.Campaign, "--data", _f.DataDir, "--out", other, "--point", "2,3,0.01,20"], o, e));
        Assert.Contains("N = 20", Assert.Single(ReportBuilder.Build(_f.Source, new GridPoint(2, 3, 0.01, 20)).Fig1, f => f.Stem == "fig1_mag").Title, StringComparison.Ordinal);
        Assert.Equal(2, CommandLine.Run(["report", ReportFixture.Campaign, "--data", _f.DataDir, "--out", other, "--point", "2,3,0.5,20"], o, e));
        Assert.Contains("--point", e.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, CommandLine.Run(["report", ReportFixture.Campaign, "--data", _f.DataDir, "--out", other, "--point", "3,6"], o, e));
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex Link();
}
