using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sweep.Client.Tests.Run;

namespace Sweep.Client.Tests.Dashboard;

/// <summary>
/// `sweep run --dashboard` and `sweep dashboard` through the real process and HTTP on loopback:
/// the JSON shows progress advancing, the pages carry the campaign's figures and its points,
/// and the dashboard is read-only unless control is allowed, then only with the token.
/// </summary>
public sealed partial class DashboardTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    // Two 1D points of one realization per batch with the exact kernel: many small batches over
    // about 10 s, so progress is seen to move. With the accelerated kernel (version 4) the run
    // took under 4 s and could end between two polls while the test suite loaded the machine.
    private const string Spec = """
        {
          "name": "dash",
          "seed": 3,
          "timePoints": 100,
          "batchSize": 1,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [256, 384], "Ns": 320, "observables": ["mag", "pur"] }
          ]
        }
        """;

    private readonly RunDirectory _dir = new("sweep-dashboard-tests");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_run_with_the_dashboard_shows_progress_advance_and_then_serves_the_finished_points()
    {
        string spec = Path.Combine(_dir.Root, "dash.json");
        await File.WriteAllTextAsync(spec, Spec);
        string data = Path.Combine(_dir.Root, "data");
        using (var run = SweepProcess.Start("run", spec, "--data", data, "--slots", "1", "--dashboard", "--dashboard-port", "0"))
        {
            Uri url = await WaitForUrlAsync(run);
            Assert.True(IPAddress.IsLoopback(IPAddress.Parse(url.Host)), $"the dashboard listens on {url.Host}");

            // The JSON every open page polls: the realizations merged go up while the run goes on.
            long first = await RealizationsDoneAsync(url);
            long later = first;
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (later <= first && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                later = await RealizationsDoneAsync(url);
            }

            Assert.True(later > first, $"progress did not advance: {first} realizations, then {later}");

            string page = await _http.GetStringAsync(new Uri(url, "campaigns/dash"));
            Assert.Contains("Campaign dash", page, StringComparison.Ordinal);
            Assert.Contains("fetch('/api/campaigns/dash/status'", page, StringComparison.Ordinal);
            Assert.Contains("<table id=\"load\">", page, StringComparison.Ordinal);
            Assert.Contains("<tbody id=\"silo-rows\">", page, StringComparison.Ordinal);

            // The campaign's JSON carries the run's compute: its one silo with its one slot.
            using (JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri(url, "api/campaigns/dash"))))
            {
                JsonElement cluster = doc.RootElement.GetProperty("status").GetProperty("cluster");
                Assert.True(cluster.GetProperty("running").GetBoolean());
                Assert.Equal(1, cluster.GetProperty("slots").GetInt32());
                Assert.Equal(1, Assert.Single(cluster.GetProperty("silos").EnumerateArray()).GetProperty("slots").GetInt32());
                Assert.True(doc.RootElement.GetProperty("table").TryGetProperty("points", out _));
            }

            // What the page polls: the status document alone, with no table.
            using (JsonDocument polled = JsonDocument.Parse(await _http.GetStringAsync(new Uri(url, "api/campaigns/dash/status"))))
            {
                Assert.Equal("dash", polled.RootElement.GetProperty("name").GetString());
                Assert.True(polled.RootElement.GetProperty("points_done").GetInt32() >= 0);
                Assert.Equal(1, polled.RootElement.GetProperty("cluster").GetProperty("slots").GetInt32());
                Assert.False(polled.RootElement.TryGetProperty("table", out _));
            }

            // Read-only: a cancel is refused, and the run goes on.
            using HttpResponseMessage refused = await _http.PostAsync(new Uri(url, "api/campaigns/dash/cancel"), null);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(0, await run.WaitAsync(RunLimit));
        }

        // After the run: `sweep dashboard` on the stopped store serves the finished points.
        using var dashboard = SweepProcess.StartInterruptible("dashboard", "--data", data, "--port", "0");
        Uri served = await WaitForUrlAsync(dashboard);
        string campaign = await _http.GetStringAsync(new Uri(served, "campaigns/dash"));
        Match point = PointLink().Match(campaign);
        Assert.True(point.Success, $"no point page linked from the campaign page:\n{campaign}");
        string pointPage = await _http.GetStringAsync(new Uri(served, point.Groups[1].Value));
        Assert.Contains("Provenance", pointPage, StringComparison.Ordinal);
        Match figure = FigureSource().Match(pointPage);
        Assert.True(figure.Success, "the point page has no figure");
        string svg = await _http.GetStringAsync(new Uri(served, figure.Groups[1].Value));
        Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        using HttpResponseMessage csv = await _http.GetAsync(new Uri(served, point.Groups[1].Value + ".csv"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        using HttpResponseMessage missing = await _http.GetAsync(new Uri(served, "campaigns/nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("nope", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        dashboard.Signal("TERM");
        Assert.Equal(143, await dashboard.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task With_control_allowed_a_cancel_needs_the_printed_token()
    {
        string spec = Path.Combine(_dir.Root, "dash.json");
        await File.WriteAllTextAsync(spec, Spec.Replace("\"Ns\": 320", "\"Ns\": 4000", StringComparison.Ordinal));
        string data = Path.Combine(_dir.Root, "data");
        using var run = SweepProcess.Start("run", spec, "--data", data, "--slots", "1");
        using var dashboard = SweepProcess.StartInterruptible("dashboard", "--data", data, "--port", "0", "--allow-control");
        Uri url = await WaitForUrlAsync(dashboard);

        // The token is the line after the address, and may reach the pipe a moment later.
        Match printed = Regex.Match(dashboard.Stdout, "control token: ([0-9a-f]{32})");
        for (DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); !printed.Success && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            printed = Regex.Match(dashboard.Stdout, "control token: ([0-9a-f]{32})");
        }

        string token = printed.Groups[1].Value;
        Assert.True(token.Length == 32, $"no control token printed:\n{dashboard.Stdout}");

        using (var wrong = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "api/campaigns/dash/cancel")))
        {
            wrong.Headers.Add("X-Sweep-Token", new string('0', 32));
            using HttpResponseMessage refused = await _http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var right = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "api/campaigns/dash/cancel")))
        {
            right.Headers.Add("X-Sweep-Token", token);
            using HttpResponseMessage done = await _http.SendAsync(right);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        // The run sees its campaign cancelled and exits 3, as with `sweep cancel`.
        Assert.Equal(3, await run.WaitAsync(RunLimit));
        dashboard.Signal("TERM");
        await dashboard.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<long> RealizationsDoneAsync(Uri url)
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri(url, "api/campaigns")));
        JsonElement dash = doc.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "dash");
        return dash.GetProperty("realizations_done").GetInt64();
    }

    private static async Task<Uri> WaitForUrlAsync(SweepProcess process)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            Match m = DashboardUrl().Match(process.Stdout);
            if (m.Success)
            {
                return new Uri(m.Groups[1].Value);
            }

            Assert.False(process.HasExited, $"sweep exited before serving the dashboard:\n{process.Stdout}\n{process.Stderr}");
            await Task.Delay(100);
        }

        throw new TimeoutException($"no dashboard address within a minute:\n{process.Stdout}\n{process.Stderr}");
    }

    [GeneratedRegex(@"dashboard: (http://[^ ]+/)")]
    private static partial Regex DashboardUrl();

    [GeneratedRegex("href=\"(/campaigns/dash/points/[^\"]+)\"")]
    private static partial Regex PointLink();

    [GeneratedRegex("src=\"(/campaigns/dash/figures/[^\"]+\\.svg)\"")]
    private static partial Regex FigureSource();
}
