using System.Globalization;
using OpenQA.Selenium;

namespace Sweep.Browser.Tests;

/// <summary>
/// The web dashboard in a real Chromium, as a user sees it: a live run's page advances without
/// a reload and shows a failed point's reason, cancel is refused without the printed token and
/// works with it, the point pages' figures are drawn, and no request leaves loopback.
/// </summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan PageLimit = TimeSpan.FromSeconds(60);

    // One long point (N = 384, about 45 s of one slot on a quiet core: 8,000 realizations took
    // 11 s with the kernel of 2026-12-07 night, too short for the checks below) and one that 2 MiB
    // slots cannot hold (N = 1024 needs about 5.4 MiB), so it fails at once with its reason.
    private const string LiveSpec = """
        {
          "name": "live",
          "seed": 7,
          "timePoints": 100,
          "batchSize": 20,
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [384], "Ns": 32000, "observables": ["mag", "pur"] },
            { "d": 1, "alpha": [2], "x": [0.01], "N": [1024], "Ns": 20, "observables": ["mag", "pur"] }
          ]
        }
        """;

    // Two sizes, so the campaign page has Fig. 2(b) and 2(c) as well as the point curves; a few seconds.
    private const string SmallSpec = """
        {
          "name": "small",
          "seed": 11,
          "timePoints": 60,
          "batchSize": 20,
          "blocks": [
            { "d": 1, "alpha": [2], "x": [0.01], "N": [64, 128], "Ns": 40, "observables": ["mag", "pur"] }
          ]
        }
        """;

    // Draws each figure of the page onto a canvas and counts its pixels that are neither
    // transparent nor near-white: an image that failed to load or came out blank counts 0.
    private const string DrawnPixels = """
        const images = [...document.querySelectorAll('img.fig')];
        return Promise.all(images.map(async img => {
          img.loading = 'eager';
          img.scrollIntoView();
          if (!img.complete) { await new Promise(done => { img.onload = done; img.onerror = done; }); }
          if (img.naturalWidth === 0) { return 0; }
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
          const g = canvas.getContext('2d');
          g.drawImage(img, 0, 0);
          const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 0; i < px.length; i += 4) { if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200)) { n++; } }
          return n;
        }));
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-browser-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A killed run's last SQLite writes may race the delete; the temp directory is left.
        }
    }

    [BrowserFact]
    public async Task A_live_run_advances_without_a_reload_shows_its_failure_and_cancels_only_with_the_token()
    {
        string spec = Path.Combine(_dir, "live.json");
        await File.WriteAllTextAsync(spec, LiveSpec);
        string data = Path.Combine(_dir, "data");
        using var proxy = new RefusingProxy();
        using var browser = new HeadlessChromium(proxy);
        using var run = SweepProcess.Start("run", spec, "--data", data, "--slots", "1", "--memory-per-slot", "2MiB", "--dashboard", "--dashboard-port", "0");
        Uri url = await run.DashboardUrlAsync();

        browser.Go(new Uri(url, "campaigns/live"));
        Assert.Equal("Campaign live", browser.Driver.FindElement(By.TagName("h1")).Text);

        // The refused point's reason, as the memory check wrote it, in the failures list.
        await browser.WaitUntilAsync(
            () => browser.Driver.FindElement(By.Id("failures")).Text.Contains("live/1/2/0.01/1024: no silo can hold its batches", StringComparison.Ordinal),
            PageLimit,
            "the failed point's reason did not appear");

        // A marker on window survives only if the page is never reloaded; the realizations
        // merged go up in place, from the page's own polling of its JSON endpoint.
        browser.Script("window.sweepNoReload = 'kept';");
        long first = RealizationsShown(browser);
        await browser.WaitUntilAsync(() => RealizationsShown(browser) > first, PageLimit, $"the realizations shown did not go up from {first}");
        Assert.Equal("kept", browser.Script("return window.sweepNoReload;"));

        // The run's own dashboard is read-only: no cancel form, and a cancel is refused.
        Assert.Empty(browser.Driver.FindElements(By.TagName("form")));
        Assert.Equal(403L, PostCancel(browser, token: null));

        // `sweep dashboard --allow-control` on the same live store: cancel needs the printed token.
        using var control = SweepProcess.Start("dashboard", "--data", data, "--port", "0", "--allow-control");
        Uri controlUrl = await control.DashboardUrlAsync();
        string token = await control.ControlTokenAsync();
        browser.Go(new Uri(controlUrl, "campaigns/live"));
        Assert.Equal(403L, PostCancel(browser, token: string.Empty));
        Assert.Equal(403L, PostCancel(browser, token: new string('0', 32)));
        Assert.False(run.HasExited, $"the run ended before the cancel with the token:\n{run.Output}");

        // The right token, typed into the page's form as a user would.
        browser.Driver.FindElement(By.Name("token")).SendKeys(token);
        browser.Driver.FindElement(By.CssSelector("form button")).Click();
        await browser.WaitUntilAsync(() => browser.Driver.FindElement(By.TagName("body")).Text.Contains("cancelled 'live'", StringComparison.Ordinal), PageLimit, "the cancel with the token was not accepted");
        Assert.True(await run.WaitAsync(RunLimit) == 3, $"the run did not exit with 3 (cancelled):\n{run.Output}");

        await LoopbackFence.AssertStayedOnLoopbackAsync(browser, proxy);
    }

    [BrowserFact]
    public async Task A_finished_campaign_s_pages_are_reached_by_clicking_and_their_figures_are_drawn()
    {
        string spec = Path.Combine(_dir, "small.json");
        await File.WriteAllTextAsync(spec, SmallSpec);
        string data = Path.Combine(_dir, "data");
        using (var run = SweepProcess.Start("run", spec, "--data", data, "--slots", "1"))
        {
            Assert.True(await run.WaitAsync(RunLimit) == 0, $"the campaign did not finish:\n{run.Output}");
        }

        using var proxy = new RefusingProxy();
        using var browser = new HeadlessChromium(proxy);
        using var dashboard = SweepProcess.Start("dashboard", "--data", data, "--port", "0");
        Uri url = await dashboard.DashboardUrlAsync();

        browser.Go(url);
        Assert.Equal("finished", browser.Driver.FindElement(By.CssSelector("tr[data-campaign='small'] [data-k='state']")).Text);
        browser.Driver.FindElement(By.LinkText("small")).Click();
        await browser.WaitUntilAsync(() => browser.Driver.FindElement(By.TagName("h1")).Text == "Campaign small", PageLimit, "the campaign page did not open");
        AssertFiguresDrawn(browser, "campaign page");

        browser.Driver.FindElement(By.CssSelector("a[href*='/points/']")).Click();
        await browser.WaitUntilAsync(() => browser.Driver.FindElement(By.TagName("h1")).Text.StartsWith("d = 1, alpha = 2", StringComparison.Ordinal), PageLimit, "the point page did not open");
        Assert.Contains("Provenance", browser.Driver.FindElement(By.TagName("body")).Text, StringComparison.Ordinal);
        AssertFiguresDrawn(browser, "point page");

        await LoopbackFence.AssertStayedOnLoopbackAsync(browser, proxy);
    }

    private static void AssertFiguresDrawn(HeadlessChromium browser, string page)
    {
        var counts = (IReadOnlyCollection<object>)browser.Script(DrawnPixels)!;
        Assert.True(counts.Count > 0, $"the {page} has no figure");
        long[] pixels = [.. counts.Select(c => Convert.ToInt64(c, CultureInfo.InvariantCulture))];

        // A drawn plot has axes, labels and curves: thousands of dark pixels, not a handful.
        Assert.True(pixels.All(n => n > 1000), $"a figure on the {page} is blank or did not load (drawn pixels per figure: {string.Join(", ", pixels)})");
    }

    // The "realizations merged / planned" cell, e.g. "1240/8020": the number merged.
    private static long RealizationsShown(HeadlessChromium browser)
    {
        string text = browser.Driver.FindElement(By.CssSelector("#progress [data-k='realizations']")).Text;
        return long.Parse(text.Split('/')[0], CultureInfo.InvariantCulture);
    }

    // A cancel POSTed by the page itself (the browser's fetch), with the token as the form field or none.
    private static long PostCancel(HeadlessChromium browser, string? token)
        => (long)browser.Script(
            """
            const body = arguments[0] === null ? null : new URLSearchParams({ token: arguments[0] });
            return fetch('/api/campaigns/live/cancel', { method: 'POST', body }).then(r => r.status);
            """,
            token!)!;
}
