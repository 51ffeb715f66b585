using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;
using Sweep.Physics.Time;

namespace Sweep.Client.Reports;

/// <summary>
/// The report's HTML: index.html with every figure, the tables, the spec, versions and
/// conventions, and one page per finished point. Styles are inline and every link is
/// relative, so the pages open from disk with no server and no network.
/// </summary>
internal static class ReportHtml
{
    private const string Style = """
        <style>
        body { font-family: sans-serif; margin: 1.5em; max-width: 1300px; }
        img { max-width: 100%; border: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; font-size: 0.9em; }
        th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: right; }
        th { background: #eee; }
        pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
        .partial { background: #fff3cd; border: 1px solid #e0c060; padding: 0.6em; }
        .note { color: #444; font-size: 0.9em; }
        </style>
        """;

    public static string Index(ReportContents c, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(c);
        ReportSource s = c.Source;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
            .Append(E($"Sweep report: {s.Campaign}")).Append("</title>\n").Append(Style).Append("</head><body>\n");
        sb.Append("<h1>").Append(E($"Campaign '{s.Campaign}'")).Append("</h1>\n");
        if (s.Partial)
        {
            sb.Append("<p class=\"partial\"><b>Partial report:</b> ")
                .Append(E($"{s.PointsDone} of {s.PointsTotal} grid points are finished; figures and tables use the finished points only (Fig. 1 may use a point whose first batch is done)."))
                .Append("</p>\n");
        }

        sb.Append("<p>").Append(E(string.Create(CultureInfo.InvariantCulture, $"Generated {generatedAt:yyyy-MM-dd HH:mm:ss} UTC from the store. {s.PointsDone} of {s.PointsTotal} points finished."))).Append("</p>\n");
        sb.Append("<p>Contents: <a href=\"#conventions\">conventions</a> · <a href=\"#fig1\">Fig. 1</a> · <a href=\"#fig2a\">Fig. 2(a)</a> · <a href=\"#fig2b\">Fig. 2(b)</a> · <a href=\"#fig2c\">Fig. 2(c) and the scaling table</a> · <a href=\"#points\">every point</a> · <a href=\"#spec\">campaign spec</a> · <a href=\"#versions\">versions</a></p>\n");

        Conventions(sb, s);

        sb.Append("<h2 id=\"fig1\">Fig. 1: single spins of one realization</h2>\n");
        if (c.Fig1Point is { } fp)
        {
            sb.Append("<p>").Append(E(string.Create(CultureInfo.InvariantCulture, $"Point d = {fp.Key.D}, alpha = {fp.Key.Alpha:R}, x = {fp.Key.X:R}, N = {fp.Key.N}, realization {fp.Snapshot.R}; choose another with --point d,alpha,x,N."))).Append("</p>\n");
        }
        else
        {
            sb.Append("<p>").Append(E($"No Fig. 1: {c.Fig1Missing}.")).Append("</p>\n");
        }

        Figures(sb, c.Fig1, string.Empty);

        sb.Append("<h2 id=\"fig2a\">Fig. 2(a): beta versus x</h2>\n");
        if (c.Fig2a.Count == 0)
        {
            sb.Append("<p>No (d, alpha, N) has finished points at three or more x values.</p>\n");
        }

        Figures(sb, c.Fig2a, string.Empty);

        sb.Append("<h2 id=\"fig2b\">Fig. 2(b): |beta - d/alpha| versus N</h2>\n");
        Figures(sb, c.Fig2b, string.Empty);
        sb.Append("<h3>Deviations (table.csv rows of Fig. 2(b))</h3>\n");
        sb.Append(HtmlTable.Render(
            ["d", "alpha", "observable", "N", "x values", "mean beta", "std over x", "jackknife error", "|beta - d/alpha|"],
            s.Table.Deviations.Select(r => new[] { I(r.D), N(r.Alpha), r.Observable.Name(), I(r.N), I(r.XCount), N(r.MeanBeta), N(r.BetaStd), N(r.BetaJackknifeError), N(r.Deviation) })));

        sb.Append("<h2 id=\"fig2c\">Fig. 2(c): the exponent p</h2>\n");
        if (c.Fig2c is { } f2c)
        {
            Figures(sb, [f2c], string.Empty);
        }

        sb.Append("<h3>Scaling table: |beta - d/alpha| = c N^-p</h3>\n");
        sb.Append(HtmlTable.Render(
            ["d", "alpha", "observable", "d/alpha", "N used", "Ns per N", "p", "p error", "c", "weighted", "error"],
            s.Table.Exponents.Select(e => new[] { I(e.D), N(e.Alpha), e.Observable.Name(), N(e.BetaInf), string.Join(" ", e.N), string.Join(" ", e.Ns), N(e.P), N(e.PErr), N(e.Amplitude), e.Weighted ? "yes" : "no", e.Error ?? string.Empty })));

        sb.Append("<h2 id=\"points\">Every finished point</h2>\n<p class=\"note\">Each link opens the point's page: mag and pur with standard-error bands, the fit, the analytic curve and the residuals. beta errors are jackknife errors.</p>\n");
        sb.Append(PointTable(c.Points, string.Empty));

        sb.Append("<h2 id=\"spec\">Campaign spec (canonical form, as stored)</h2>\n<pre>").Append(E(s.SpecJson)).Append("</pre>\n");
        Versions(sb, s);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    public static string Page(PointPage page, string campaign)
    {
        ArgumentNullException.ThrowIfNull(page);
        PointKey k = page.Result.Key;
        var sb = new StringBuilder();
        string title = string.Create(CultureInfo.InvariantCulture, $"d = {k.D}, alpha = {k.Alpha:R}, x = {k.X:R}, N = {k.N}");
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n").Append(Style).Append("</head><body>\n");
        sb.Append("<p><a href=\"../index.html#points\">back to the report of ").Append(E(campaign)).Append("</a></p>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        sb.Append(PointTable([page], "../"));
        Figures(sb, page.Figures, "../");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Conventions(StringBuilder sb, ReportSource s)
    {
        sb.Append("<h2 id=\"conventions\">Conventions</h2>\n<ul>\n");
        PointSettingsData? p = s.Settings;
        Item(sb, $"Time unit: {p?.TimeUnit.Name() ?? "?"}; {ReportBuilder.UnitNote(p)}. t is dimensionless; fitted gamma is in the same unit.");
        Item(sb, string.Create(CultureInfo.InvariantCulture, $"Time grid: {p?.TimePoints} log-spaced points per (d, alpha), from analytic mag = 0.9995 to analytic pur = 1e-3."));
        Item(sb, string.Create(CultureInfo.InvariantCulture, $"Fit: f(t) = A exp(-(gamma t)^beta), uniform weights, window from the first grid point with f <= {p?.FitUpper:R} up to, not including, the first later point with f < {p?.FitLower:R}."));
        Item(sb, string.Create(CultureInfo.InvariantCulture, $"Seeds: master seed {p?.Seed}; realization r of a point is seeded from (seed, d, alpha, x, N, r) alone; batches of {p?.BatchSize} realizations."));
        Item(sb, string.Create(CultureInfo.InvariantCulture, $"Strong disorder for Fig. 2(b) and p: x <= {s.Table.StrongDisorderMaxX:R}."));
        Item(sb, "Model: H = sum_{i<k} J_ik sz_i sz_k, J_ik = C / |r_i - r_k|^alpha, C = 1, spins in a ball of radius r0 = 1, RSA exclusion x = N r_b^d / r0^d; P_i(t) = prod_{k != i} cos(2 J_ik tau); mag = (1/N) sum_i P_i; pur = (1/N) sum_i P_i^2 = 2 purity - 1.");
        Item(sb, "Fig. 1 nearest-neighbour coupling J_NN,i = max_k J_ik of spin i, shown divided by J_NN,inf. Single-spin data come from realization 0 of the point; histograms at exactly the listed t.");
        Item(sb, "Every PNG has a CSV and a JSON beside it (same name) with exactly the numbers it was drawn from; NaN is an empty cell / null. Log axes are drawn as log10 of those numbers.");
        sb.Append("</ul>\n");
    }

    private static void Versions(StringBuilder sb, ReportSource s)
    {
        sb.Append("<h2 id=\"versions\">Versions</h2>\n<ul>\n");
        Item(sb, $"sweep (this report): {typeof(ReportHtml).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"}");
        Item(sb, $"ScottPlot: {typeof(ScottPlot.Plot).Assembly.GetName().Version}");
        Item(sb, $".NET: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}");
        Item(sb, $"computed by sweep versions: {string.Join(", ", s.Results.Select(r => r.Provenance.ProgramVersion).Distinct().DefaultIfEmpty("none yet"))}");
        Item(sb, $"kernel: {string.Join(", ", s.Results.Select(r => r.Provenance.Kernel.Code).Distinct().DefaultIfEmpty("none yet"))}; hosts: {string.Join(", ", s.Results.Select(r => r.Provenance.Host).Distinct().DefaultIfEmpty("none yet"))}");
        sb.Append("</ul>\n");
    }

    private static string PointTable(IEnumerable<PointPage> pages, string prefix)
        => HtmlTableWithLinks(pages, prefix);

    private static string HtmlTableWithLinks(IEnumerable<PointPage> pages, string prefix)
    {
        var sb = new StringBuilder("<table>\n<tr><th>point</th><th>d</th><th>alpha</th><th>x</th><th>N</th><th>Ns</th><th>beta mag</th><th>+-</th><th>beta pur</th><th>+-</th><th>gamma mag</th><th>gamma pur</th><th>median J_NN / J_NN,inf</th><th>target</th></tr>\n");
        foreach (PointPage p in pages)
        {
            PointResult r = p.Result;
            sb.Append("<tr><td><a href=\"").Append(prefix).Append(E(p.HtmlPath)).Append("\">page</a></td>");
            foreach (string cell in new[] { I(r.Key.D), N(r.Key.Alpha), N(r.Key.X), I(r.Key.N), r.Realizations.ToString(CultureInfo.InvariantCulture), Fit(r.FitMag, f => f.Beta), Fit(r.FitMag, f => f.BetaJackknifeError), Fit(r.FitPur, f => f.Beta), Fit(r.FitPur, f => f.BetaJackknifeError), Fit(r.FitMag, f => f.Gamma), Fit(r.FitPur, f => f.Gamma), N(r.JnnRatio), p.Target ?? "-" })
            {
                sb.Append("<td>").Append(E(cell)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        return sb.Append("</table>\n").ToString();
    }

    private static void Figures(StringBuilder sb, IEnumerable<Figure> figures, string prefix)
    {
        foreach (Figure f in figures)
        {
            string stem = prefix + f.Stem;
            sb.Append("<figure><img src=\"").Append(E(stem)).Append(".png\" alt=\"").Append(E(f.Title)).Append("\">\n<figcaption class=\"note\">")
                .Append(E(f.Note)).Append(" Data: <a href=\"").Append(E(stem)).Append(".csv\">CSV</a>, <a href=\"").Append(E(stem)).Append(".json\">JSON</a>.</figcaption></figure>\n");
        }
    }

    private static void Item(StringBuilder sb, string text) => sb.Append("<li>").Append(E(text)).Append("</li>\n");

    private static string Fit(FitData f, Func<FitData, double> value) => f.Ok ? N(value(f)) : "fit failed";

    private static string N(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
