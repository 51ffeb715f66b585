using System.Collections.ObjectModel;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Sweep.Browser.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Debian's chromedriver, fenced in to loopback: every
/// request but those to 127.0.0.1 goes to a <see cref="RefusingProxy"/>, every host name but
/// 127.0.0.1 resolves to nothing, and Chromium's own background traffic (component updates,
/// sync, first-run tasks, Safe Browsing, metrics) is switched off. The page's own requests are
/// read back from Chromium's performance log.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private readonly string _profile = Directory.CreateTempSubdirectory("sweep-browser-profile-").FullName;
    private readonly List<string> _requests = [];

    public HeadlessChromium(RefusingProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        Assert.True(BrowserEnvironment.Problem is null, BrowserEnvironment.SkipReason(BrowserEnvironment.Problem ?? string.Empty));

        // An explicit driver path and browser binary: Selenium Manager, which would look for
        // (and download) both on the internet, is never started.
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserEnvironment.ChromeDriver)!, Path.GetFileName(BrowserEnvironment.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserEnvironment.Chromium };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start.
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1200,1000",
            $"--user-data-dir={_profile}",
            $"--proxy-server=http://127.0.0.1:{proxy.Port}",
            // Only the dashboard's 127.0.0.1 bypasses the proxy: <-loopback> first drops
            // Chromium's implicit bypass of localhost names (so even those would reach the
            // proxy), then 127.0.0.1 is let through; in the other order it is proxied too.
            "--proxy-bypass-list=<-loopback>;127.0.0.1",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-client-side-phishing-detection",
            "--disable-domain-reliability",
            "--disable-breakpad",
            "--metrics-recording-only",
            "--safebrowsing-disable-auto-update",
            // NetworkTimeServiceQuerying: the secure-time query to clients2.google.com at start.
            "--disable-features=NetworkTimeServiceQuerying,Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions");
        options.SetLoggingPreference("performance", LogLevel.All);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    public void Go(Uri url) => Driver.Navigate().GoToUrl(url);

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    /// <summary>
    /// Waits until <paramref name="done"/> holds, polling; fails with <paramref name="what"/> and
    /// the page's text after the limit. An element replaced or not there yet while the page
    /// navigates (a form's submit) counts as "not yet", not as a failure.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> done, TimeSpan limit, string what)
    {
        DateTime deadline = DateTime.UtcNow + limit;
        while (!Holds(done))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} within {limit.TotalSeconds} s; the page says:\n{Driver.FindElement(By.TagName("body")).Text}");
            await Task.Delay(250);
        }
    }

    private static bool Holds(Func<bool> done)
    {
        try
        {
            return done();
        }
        catch (Exception e) when (e is StaleElementReferenceException or NoSuchElementException)
        {
            return false;
        }
    }

    /// <summary>Every URL the pages have requested so far (Network.requestWillBeSent in the performance log).</summary>
    public IReadOnlyList<string> RequestedUrls()
    {
        ReadOnlyCollection<LogEntry> entries = Driver.Manage().Logs.GetLog("performance");
        foreach (LogEntry entry in entries)
        {
            using JsonDocument doc = JsonDocument.Parse(entry.Message);
            JsonElement message = doc.RootElement.GetProperty("message");
            if (message.GetProperty("method").GetString() == "Network.requestWillBeSent"
                && message.GetProperty("params").GetProperty("request").GetProperty("url").GetString() is { } url)
            {
                _requests.Add(url);
            }
        }

        return _requests;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's last writes to its profile may race the delete; the temp directory is left.
        }
    }
}
