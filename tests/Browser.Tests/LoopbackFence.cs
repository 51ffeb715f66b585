namespace Sweep.Browser.Tests;

/// <summary>
/// The check that a browser session stayed on loopback: the pages asked only the dashboard, and
/// the proxy that stands in for the rest of the world saw nothing but the test's own canary and
/// two named Google endpoints that Chromium contacts at start despite every switch and policy
/// (refused there, so nothing left the machine).
/// </summary>
internal static class LoopbackFence
{
    /// <summary>A name that cannot exist (RFC 2606): a navigation to it must reach the proxy.</summary>
    public static readonly Uri Canary = new("http://sweep-browser-check.invalid/");

    // Found by running these tests: Chromium's component updater and account check start before
    // any flag or policy can stop them. They are tolerated only as refused-at-proxy, by name.
    private static readonly string[] ToleratedAtProxy = ["update.googleapis.com", "accounts.google.com"];

    /// <summary>
    /// Navigates to the canary (proving the proxy is in Chromium's path), then asserts every page
    /// request went to 127.0.0.1 and the proxy saw only the canary and the tolerated names.
    /// </summary>
    public static async Task AssertStayedOnLoopbackAsync(HeadlessChromium browser, RefusingProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(proxy);
        try
        {
            browser.Go(Canary);
        }
        catch (OpenQA.Selenium.WebDriverException)
        {
            // The proxy's 403 may be shown as an error page; what matters is that it was asked.
        }

        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!proxy.Hosts.Contains(Canary.Host) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(proxy.Hosts.Contains(Canary.Host), $"the canary {Canary} did not reach the test proxy, so the proxy is not in Chromium's path; the proxy saw: {string.Join(", ", proxy.Hosts)}");

        string[] offLoopback = [.. browser.RequestedUrls().Where(u => !IsDashboardOrLocal(u) && !IsCanary(u)).Distinct()];
        Assert.True(offLoopback.Length == 0, "pages requested beyond 127.0.0.1: " + string.Join(", ", offLoopback));

        string[] unexpected = [.. proxy.Hosts.Where(h => h != Canary.Host && !ToleratedAtProxy.Contains(h)).Distinct()];
        Assert.True(unexpected.Length == 0, "Chromium tried to reach (refused at the test proxy): " + string.Join(", ", unexpected));
    }

    // The canary page and the favicon Chromium asks for beside it.
    private static bool IsCanary(string url) => Uri.TryCreate(url, UriKind.Absolute, out Uri? u) && u.Host == Canary.Host;

    // The dashboard is on 127.0.0.1; data: and about: URLs never touch the network.
    private static bool IsDashboardOrLocal(string url)
        => url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("about:", StringComparison.Ordinal)
           || (Uri.TryCreate(url, UriKind.Absolute, out Uri? u) && u.Host == "127.0.0.1");
}
