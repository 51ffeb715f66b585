using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sweep.Client.Dashboard;

namespace Sweep.CampaignBench;

/// <summary>
/// A browser's open campaign page, without the browser: it loads the page, then polls the page's
/// JSON endpoint every <see cref="DashboardHtml.PollMilliseconds"/> ms, and when more points have
/// finished loads the figures of its first screen again, as the page's script does (its images
/// load lazily, so a browser fetches the ones in view: the first <see cref="FiguresInView"/>),
/// or the whole page while it has no Fig. 2(c) yet, as the script does then. Until the
/// campaign exists (it is submitted after the page opens) the page answers 404 and is retried.
/// </summary>
internal sealed partial class OpenPage : IAsyncDisposable
{
    private const int FiguresInView = 3;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    private OpenPage(HttpClient http, Uri dashboard, string campaign)
        => _polling = Task.Run(() => PollAsync(http, dashboard, campaign, _stop.Token));

    /// <summary>Requests answered, and those that failed (other than the 404 before the submission).</summary>
    public int Requests { get; private set; }

    public int Failures { get; private set; }

    public static OpenPage Open(HttpClient http, Uri dashboard, string campaign) => new(http, dashboard, campaign);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _polling;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task PollAsync(HttpClient http, Uri dashboard, string campaign, CancellationToken stop)
    {
        var page = new Uri(dashboard, DashboardHtml.CampaignHref(campaign));
        var api = new Uri(dashboard, DashboardHtml.StatusHref(campaign));
        var delay = TimeSpan.FromMilliseconds(DashboardHtml.PollMilliseconds);
        string html = await LoadAsync(http, page, delay, stop);
        string[] figures = [.. FigureSource().Matches(html).Select(m => m.Groups[1].Value).Take(FiguresInView)];
        await FetchAllAsync(http, dashboard, figures, stop);
        int? pointsDone = null;
        while (true)
        {
            await Task.Delay(delay, stop);
            using HttpResponseMessage response = await http.GetAsync(api, stop);
            Requests++;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Failures++;
                continue;
            }

            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
            int done = doc.RootElement.GetProperty("points_done").GetInt32();
            if (pointsDone is { } before && before != done)
            {
                if (html.Contains("id=\"fig2c-missing\"", StringComparison.Ordinal))
                {
                    // The page's script reloads the whole page while it has no Fig. 2(c) yet.
                    html = await LoadAsync(http, page, delay, stop);
                    figures = [.. FigureSource().Matches(html).Select(m => m.Groups[1].Value).Take(FiguresInView)];
                }

                // The page's script reloads its figures (img src ?v=points_done) when points finish.
                await FetchAllAsync(http, dashboard, figures, stop);
            }

            pointsDone = done;
        }
    }

    // The campaign page; until the campaign is submitted it answers 404, and is asked again.
    private async Task<string> LoadAsync(HttpClient http, Uri page, TimeSpan delay, CancellationToken stop)
    {
        while (true)
        {
            using HttpResponseMessage response = await http.GetAsync(page, stop);
            Requests++;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync(stop);
            }

            await Task.Delay(delay, stop);
        }
    }

    private async Task FetchAllAsync(HttpClient http, Uri dashboard, string[] figures, CancellationToken stop)
    {
        foreach (string src in figures)
        {
            using HttpResponseMessage figure = await http.GetAsync(new Uri(dashboard, src), stop);
            Requests++;
            if (figure.StatusCode != HttpStatusCode.OK)
            {
                Failures++;
            }

            await figure.Content.ReadAsByteArrayAsync(stop);
        }
    }

    [GeneratedRegex("<img class=\"fig\"[^>]* src=\"([^\"]+)\"")]
    private static partial Regex FigureSource();
}
