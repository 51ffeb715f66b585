namespace Sweep.Browser.Tests;

/// <summary>
/// Whether Debian's chromium and chromium-driver are installed (scripts/provision-browser
/// installs them as root). The tests name both by path, so Selenium Manager, which would try to
/// download a driver from the internet, never runs. Outside CI their absence skips the tests
/// with the reason; with CI=true it fails them: CI must really run them.
/// </summary>
internal static class BrowserEnvironment
{
    public const string Chromium = "/usr/bin/chromium";

    public const string ChromeDriver = "/usr/bin/chromedriver";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Problem
        => !File.Exists(Chromium) ? $"{Chromium} is not installed"
            : !File.Exists(ChromeDriver) ? $"{ChromeDriver} is not installed"
            : null;

    public static string SkipReason(string problem)
        => $"browser tests need Debian's chromium and chromium-driver ({problem}); run scripts/provision-browser as root to install them";
}

/// <summary>A test in a real Chromium: skipped with the reason when there is none, except in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserEnvironment.Problem is { } problem && !BrowserEnvironment.InCi)
        {
            Skip = BrowserEnvironment.SkipReason(problem);
        }
    }
}
