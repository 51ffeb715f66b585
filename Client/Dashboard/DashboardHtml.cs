using System.Globalization;
using System.Net;
using System.Text;
using Sweep.Client.Commands;
using Sweep.Client.Output;
using Sweep.Client.Progress;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Dashboard;

/// <summary>
/// The dashboard's pages: plain HTML with the figures as server-drawn SVG and one small script
/// that polls the page's JSON endpoint and updates numbers and figures in place. Every asset is
/// inline or served by the program; nothing is fetched from elsewhere.
/// </summary>
internal static class DashboardHtml
{
    /// <summary>
    /// How often an open page polls its JSON endpoint, in milliseconds: each poll is a fresh
    /// read of every point's summary through the silo's gateway (about 35 ms of the dashboard's
    /// CPU at fig2bc-small's 840 points, besides the silo's share), taken from the cores that
    /// compute; a progress page needs no more than one every few seconds.
    /// </summary>
    public const int PollMilliseconds = 5000;

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1100px;color:#222}
        h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;font-size:.9em}
        .bar{background:#eee;width:100%;max-width:500px;height:1em}.bar div{background:#3a7;height:1em}
        .failed{color:#b00}.note{color:#555;font-size:.85em}img.fig{max-width:100%;border:1px solid #ddd;margin:.3em 0}
        nav a{margin-right:1em}
        """;

    public static string CampaignList(IReadOnlyList<(CampaignStatus Status, CampaignEta? Eta)> campaigns, string source)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>Campaigns</h1><p class=\"note\">").Append(E(source)).Append("</p>");
        sb.Append("<table id=\"campaigns\"><tr><th>campaign</th><th>state</th><th>points done</th><th>failed</th><th>realizations</th><th>cost done</th><th>ETA (hh:mm:ss)</th></tr>");
        foreach ((CampaignStatus s, CampaignEta? eta) in campaigns)
        {
            sb.Append("<tr data-campaign=\"").Append(E(s.Name)).Append("\"><td><a href=\"").Append(CampaignHref(s.Name)).Append("\">").Append(E(s.Name)).Append("</a></td>")
              .Append("<td data-k=\"state\">").Append(StoreCommands.StateWord(s)).Append("</td>")
              .Append("<td data-k=\"points\">").Append(I($"{s.PointsDone}/{s.Points}")).Append("</td>")
              .Append("<td data-k=\"failed\">").Append(I($"{s.PointsFailed}")).Append("</td>")
              .Append("<td data-k=\"realizations\">").Append(I($"{s.RealizationsDone}/{s.RealizationsTarget}")).Append("</td>")
              .Append("<td data-k=\"cost\">").Append(Percent(eta?.DoneFraction)).Append("</td>")
              .Append("<td data-k=\"eta\">").Append(eta?.RemainingText ?? "--").Append("</td></tr>");
        }

        sb.Append("</table>");
        sb.Append(Script("/api/campaigns", """
            for (const c of doc) {
              const row = document.querySelector(`tr[data-campaign="${CSS.escape(c.name)}"]`);
              if (!row) { location.reload(); return; }
              set(row, 'state', c.state); set(row, 'points', `${c.points_done}/${c.points}`);
              set(row, 'failed', c.points_failed); set(row, 'realizations', `${c.realizations_done}/${c.realizations_target}`);
              set(row, 'cost', pct(c.cost_done_fraction)); set(row, 'eta', hms(c.eta_seconds));
            }
            """));
        return Page("Sweep: campaigns", sb.ToString());
    }

    public static string Campaign(CampaignStatus s, CampaignEta? eta, ComputeLoad load, CampaignFigures figures, bool control)
    {
        string name = s.Name;
        var sb = new StringBuilder();
        sb.Append("<nav><a href=\"/\">campaigns</a></nav>");
        sb.Append("<h1>Campaign ").Append(E(name)).Append("</h1>");
        sb.Append("<div class=\"bar\"><div id=\"bar\" style=\"width:").Append(I($"{100 * (eta?.DoneFraction ?? Fraction(s)):F1}")).Append("%\"></div></div>");
        sb.Append("<table id=\"progress\">")
          .Append(Row("state", "state", StoreCommands.StateWord(s)))
          .Append(Row("points", "points done / total", I($"{s.PointsDone}/{s.Points}")))
          .Append(Row("failed", "points failed", I($"{s.PointsFailed}")))
          .Append(Row("realizations", "realizations merged / planned", I($"{s.RealizationsDone}/{s.RealizationsTarget}")))
          .Append(Row("batches", "batches stored / total", I($"{s.BatchesDone}/{s.BatchesTotal}")))
          .Append(Row("cost", "share of the cost done (by measured seconds per realization)", Percent(eta?.DoneFraction)))
          .Append(Row("slots", "busy slots (slot-seconds per second, last minute)", eta?.SlotsBusy is { } b ? I($"{b:F2}") : "--"))
          .Append(Row("eta", "ETA (hh:mm:ss)", eta?.RemainingText ?? "--"))
          .Append("</table>");
        if (control)
        {
            sb.Append("<form method=\"post\" action=\"/api/campaigns/").Append(Uri.EscapeDataString(name)).Append("/cancel\">")
              .Append("<label>control token <input name=\"token\" type=\"password\" autocomplete=\"off\"></label> <button>cancel the campaign</button></form>");
        }

        AppendLoad(sb, load);
        sb.Append("<h2>Failures</h2><ul id=\"failures\">");
        foreach (PointSummary p in s.PointSummaries.Where(p => p.Status == PointStatus.Failed))
        {
            sb.Append("<li class=\"failed\">").Append(E(p.Key.GrainKey)).Append(": ").Append(E(p.Failure ?? "(no reason stored)")).Append("</li>");
        }

        sb.Append("</ul>");
        sb.Append("<h2>Fig. 2(c): exponent p of |beta - d/alpha| ~ N^-p</h2>");
        sb.Append(figures.Fig2c is { } c ? FigureImage(name, c) : "<p class=\"note\" id=\"fig2c-missing\">no exponent yet: it needs finished points at two or more N</p>");
        sb.Append("<h2>Fig. 2(b): |beta - d/alpha| against N</h2>");
        foreach (Figure f in figures.Fig2b)
        {
            sb.Append(FigureImage(name, f));
        }

        sb.Append("<h2>Fig. 2(a): beta against x</h2>");
        foreach (Figure f in figures.Fig2a)
        {
            sb.Append(FigureImage(name, f));
        }

        sb.Append("<h2>Points</h2>");
        sb.Append("<table><tr><th>d</th><th>alpha</th><th>x</th><th>N</th><th>status</th><th>realizations</th><th>beta mag</th><th>beta pur</th></tr>");
        foreach (PointSummary p in s.PointSummaries)
        {
            PointKey k = p.Key;
            string status = E(p.Status.ToString().ToLowerInvariant());
            string cell = p.Status == PointStatus.Done ? $"<a href=\"{PointHref(name, k)}\">{status}</a>" : status;
            sb.Append(I($"<tr><td>{k.D}</td><td>{k.Alpha:R}</td><td>{k.X:R}</td><td>{k.N}</td><td>{cell}</td><td>{p.RealizationsDone}/{p.RealizationsTarget}</td><td>{Beta(p.FitMag)}</td><td>{Beta(p.FitPur)}</td></tr>"));
        }

        sb.Append("</table>");
        sb.Append(Script(StatusHref(name), """
            const c = doc;
            const row = document.getElementById('progress');
            set(row, 'state', c.state); set(row, 'points', `${c.points_done}/${c.points}`); set(row, 'failed', c.points_failed);
            set(row, 'realizations', `${c.realizations_done}/${c.realizations_target}`); set(row, 'batches', `${c.batches_stored}/${c.batches_total}`);
            set(row, 'cost', pct(c.cost_done_fraction)); set(row, 'slots', c.slots_busy == null ? '--' : c.slots_busy.toFixed(2)); set(row, 'eta', hms(c.eta_seconds));
            const f = c.cost_done_fraction ?? (c.realizations_target > 0 ? c.realizations_done / c.realizations_target : 0);
            document.getElementById('bar').style.width = (100 * f).toFixed(1) + '%';
            const load = c.cluster, lt = document.getElementById('load');
            set(lt, 'running', load.running ? 'yes' : 'no (a stopped store)'); set(lt, 'silos', load.silos.length);
            set(lt, 'busy', `${load.slots_busy}/${load.slots}`); set(lt, 'rate', load.batches_per_second.toFixed(2));
            set(lt, 'queued', load.queued_batches); set(lt, 'leased', load.leased_batches);
            document.getElementById('silo-rows').replaceChildren(...load.silos.map(x => {
              const tr = document.createElement('tr'); tr.dataset.silo = x.address;
              for (const [k, v] of [['name', x.name], ['address', x.address], ['busy', `${x.busy}/${x.slots}`], ['leased', x.leased], ['rate', x.batches_per_second.toFixed(2)]]) {
                const td = document.createElement('td'); td.dataset.k = k; td.textContent = v; tr.appendChild(td); }
              return tr; }));
            const failures = document.getElementById('failures');
            failures.replaceChildren(...c.failures.map(x => { const li = document.createElement('li'); li.className = 'failed'; li.textContent = `${x.point}: ${x.reason}`; return li; }));
            if (window.pointsDone !== undefined && window.pointsDone !== c.points_done) {
              if (document.getElementById('fig2c-missing')) { location.reload(); return; }
              for (const img of document.querySelectorAll('img.fig')) { img.src = img.src.replace(/\?v=\d+$/, '') + '?v=' + c.points_done; }
            }
            window.pointsDone = c.points_done;
            """));
        return Page($"Sweep: {name}", sb.ToString());
    }

    // The compute slots: #load (cluster totals, data-k cells) and #silos (one row per silo in #silo-rows), both updated by the page's poll.
    private static void AppendLoad(StringBuilder sb, ComputeLoad load)
    {
        string window = I($"{load.RateWindowSeconds:F0}");
        sb.Append("<h2>Compute</h2><table id=\"load\">")
          .Append(Row("running", "a run is computing", load.Running ? "yes" : "no (a stopped store)"))
          .Append(Row("silos", "silos", I($"{load.Silos.Length}")))
          .Append(Row("busy", "slots busy / slots", I($"{load.SlotsBusy}/{load.Slots}")))
          .Append(Row("rate", $"batches/s (last {window} s)", I($"{load.BatchesPerSecond:F2}")))
          .Append(Row("queued", "dispatcher queue (batches)", I($"{load.QueuedBatches}")))
          .Append(Row("leased", "batches leased to silos", I($"{load.LeasedBatches}")))
          .Append("</table>");
        sb.Append("<table id=\"silos\"><thead><tr><th>silo</th><th>address</th><th>slots busy / slots</th><th>batches leased</th><th>batches/s (last ")
          .Append(window).Append(" s)</th></tr></thead><tbody id=\"silo-rows\">");
        foreach (SiloLoad silo in load.Silos)
        {
            sb.Append("<tr data-silo=\"").Append(E(silo.Address)).Append("\"><td data-k=\"name\">").Append(E(silo.Name)).Append("</td><td data-k=\"address\">").Append(E(silo.Address))
              .Append(I($"</td><td data-k=\"busy\">{silo.Busy}/{silo.Slots}</td><td data-k=\"leased\">{silo.Leased}</td><td data-k=\"rate\">{silo.BatchesPerSecond:F2}</td></tr>"));
        }

        sb.Append("</tbody></table>");
    }

    public static string Point(string campaign, PointPage page)
    {
        PointResult r = page.Result;
        PointKey k = r.Key;
        string stem = ExportCommand.FileStem(k);
        string baseHref = $"{CampaignHref(campaign)}/points/{stem}";
        var sb = new StringBuilder();
        sb.Append("<nav><a href=\"/\">campaigns</a><a href=\"").Append(CampaignHref(campaign)).Append("\">").Append(E(campaign)).Append("</a></nav>");
        sb.Append(I($"<h1>d = {k.D}, alpha = {k.Alpha:R}, x = {k.X:R}, N = {k.N}</h1>"));
        sb.Append(I($"<p>Ns = {r.Realizations} realizations; J_NN ratio = {r.JnnRatio:G6} +- {r.JnnRatioSem:G3}</p>"));
        if (page.Target is { } target)
        {
            sb.Append("<p>precision target: ").Append(E(target)).Append("</p>");
        }

        sb.Append("<table><tr><th>observable</th><th>A</th><th>gamma</th><th>beta</th><th>beta jackknife error</th><th>fit window t</th></tr>");
        foreach ((string obs, FitData fit) in new[] { ("mag", r.FitMag), ("pur", r.FitPur) })
        {
            sb.Append(fit.Ok
                ? I($"<tr><td>{obs}</td><td>{fit.A:G6}</td><td>{fit.Gamma:G6}</td><td>{fit.Beta:G6}</td><td>{fit.BetaJackknifeError:G3}</td><td>{fit.T0:G4} .. {fit.T1:G4}</td></tr>")
                : $"<tr><td>{obs}</td><td colspan=\"5\" class=\"failed\">no fit: {E(fit.Error ?? "not fitted")}</td></tr>");
        }

        sb.Append("</table>");
        foreach (Figure f in page.Figures)
        {
            sb.Append(FigureImage(campaign, f));
        }

        Provenance p = r.Provenance;
        sb.Append("<h2>Provenance</h2><table>")
          .Append(Row("version", "program version", p.ProgramVersion))
          .Append(Row("kernel", "kernel", $"{p.Kernel} ({p.KernelPath})"))
          .Append(Row("host", "computed on", p.Host))
          .Append(Row("at", "computed at (UTC)", p.ComputedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
          .Append(Row("unit", "time unit", ReportBuilder.UnitNote(p.Settings)))
          .Append("</table>");
        sb.Append("<h2>Downloads</h2><ul>")
          .Append("<li><a href=\"").Append(baseHref).Append(".csv\">curves (CSV)</a></li>")
          .Append("<li><a href=\"").Append(baseHref).Append(".json\">result (JSON)</a></li>");
        foreach (Figure f in page.Figures)
        {
            string href = FigureHref(campaign, f);
            sb.Append("<li>").Append(E(f.Title)).Append(": <a href=\"").Append(href).Append(".png\">PNG</a>, <a href=\"").Append(href).Append(".csv\">CSV</a></li>");
        }

        sb.Append("</ul>");
        return Page($"Sweep: {campaign} {stem}", sb.ToString());
    }

    public static string Message(string title, string text) => Page($"Sweep: {title}", $"<nav><a href=\"/\">campaigns</a></nav><h1>{E(title)}</h1><p>{E(text)}</p>");

    public static string CampaignHref(string name) => "/campaigns/" + Uri.EscapeDataString(name);

    /// <summary>The JSON an open campaign page polls: the campaign's `sweep status --json` document alone.</summary>
    public static string StatusHref(string name) => $"/api/campaigns/{Uri.EscapeDataString(name)}/status";

    public static string PointHref(string campaign, PointKey key) => $"{CampaignHref(campaign)}/points/{ExportCommand.FileStem(key)}";

    public static string FigureHref(string campaign, Figure f) => $"{CampaignHref(campaign)}/figures/{f.Stem}";

    private static string FigureImage(string campaign, Figure f)
        => $"<figure><img class=\"fig\" loading=\"lazy\" alt=\"{E(f.Title)}\" src=\"{FigureHref(campaign, f)}.svg\"><figcaption class=\"note\">{E(f.Note)}</figcaption></figure>";

    private static string Row(string key, string label, string value) => $"<tr><th>{E(label)}</th><td data-k=\"{key}\">{E(value)}</td></tr>";

    private static string Beta(FitData? fit) => fit is { Ok: true } f ? I($"{f.Beta:0.####} +- {f.BetaJackknifeError:0.####}") : string.Empty;

    private static double Fraction(CampaignStatus s) => s.RealizationsTarget > 0 ? (double)s.RealizationsDone / s.RealizationsTarget : 0;

    private static string Percent(double? f) => f is { } v ? I($"{100 * v:F1}%") : "--";

    private static string Script(string endpoint, string update) => $$"""
        <script>
        const set = (root, k, v) => { const e = root.querySelector(`[data-k="${k}"]`); if (e) e.textContent = v; };
        const pct = f => f == null ? '--' : (100 * f).toFixed(1) + '%';
        const hms = s => { if (s == null) return '--'; s = Math.round(s); const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), x = s % 60;
          const p = n => String(n).padStart(2, '0'); return (d > 0 ? d + '.' : '') + p(h) + ':' + p(m) + ':' + p(x); };
        async function poll() {
          try { const doc = await (await fetch('{{endpoint}}', { cache: 'no-store' })).json();
          {{update}}
          } catch (e) { }
          setTimeout(poll, {{PollMilliseconds}});
        }
        setTimeout(poll, {{PollMilliseconds}});
        </script>
        """;

    private static string Page(string title, string body)
        => $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>{Style}</style></head><body>\n{body}\n</body></html>\n";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
