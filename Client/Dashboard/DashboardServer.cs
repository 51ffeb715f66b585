using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sweep.Client.Cli;
using Sweep.Client.Commands;
using Sweep.Client.Hosting;
using Sweep.Client.Output;
using Sweep.Client.Progress;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Dashboard;

/// <summary>
/// The web dashboard (ASP.NET Core on Kestrel): the campaign list, a page per campaign and per
/// finished point, their JSON endpoints and the figures as SVG, PNG and CSV, all read through
/// <see cref="DashboardReads"/>. Read-only unless control is allowed; then cancel needs the
/// token printed at start.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DashboardReads _reads;
    private readonly byte[]? _token;

    private DashboardServer(WebApplication app, DashboardReads reads, byte[]? token)
    {
        _app = app;
        _reads = reads;
        _token = token;
    }

    /// <summary>The address the dashboard answers on, e.g. http://127.0.0.1:8787/.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>The token a cancel must carry (header X-Sweep-Token or form field token), or null when control is not allowed.</summary>
    public string? Token => _token is null ? null : Encoding.ASCII.GetString(_token);

    public static async Task<DashboardServer> StartAsync(DashboardReads reads, IPAddress listen, int port, bool allowControl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reads);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(listen, port));
        WebApplication app = builder.Build();
        byte[]? token = allowControl ? Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))) : null;
        var server = new DashboardServer(app, reads, token);
        server.Map();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new UsageException($"--port: cannot listen on {listen}:{port}: {e.Message}");
        }

        int bound = port != 0 ? port : new Uri(app.Urls.First()).Port;
        server.Url = $"http://{Host(listen)}:{bound}/";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await _reads.DisposeAsync();
    }

    private static string Host(IPAddress a) => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();

    private void Map()
    {
        _app.MapGet("/", (CancellationToken ct) => Serve(async () => Html(DashboardHtml.CampaignList(await AllStatuses(ct), _reads.Description))));
        _app.MapGet("/api/campaigns", (CancellationToken ct) => Serve(async () => Json(StatusJson.Write(await AllStatuses(ct), StoreCommands.StateWord, await _reads.LoadAsync(ct), indented: false))));
        _app.MapGet("/campaigns/{name}", (string name, CancellationToken ct) => Serve(async () =>
        {
            (CampaignStatus status, CampaignEta? eta) = await _reads.StatusAsync(name, ct);
            CampaignFigures figures = await _reads.FiguresAsync(name, ct);
            return Html(DashboardHtml.Campaign(status, eta, await _reads.LoadAsync(ct), figures, Token is not null));
        }));
        _app.MapGet("/api/campaigns/{name}/status", (string name, CancellationToken ct) => Serve(async () =>
        {
            // Polled by every open campaign page, so it carries what the page shows and no
            // table: fig2bc-small's table alone is 230 kB of JSON, rendered for nothing each poll.
            (CampaignStatus status, CampaignEta? eta) = await _reads.StatusAsync(name, ct);
            return Json(StatusJson.WriteOne(status, eta, StoreCommands.StateWord, await _reads.LoadAsync(ct), indented: false));
        }));
        _app.MapGet("/api/campaigns/{name}", (string name, CancellationToken ct) => Serve(async () =>
        {
            (CampaignStatus status, CampaignEta? eta) = await _reads.StatusAsync(name, ct);
            ScalingTable table = await _reads.TableAsync(name, ct);
            string statusJson = StatusJson.WriteOne(status, eta, StoreCommands.StateWord, await _reads.LoadAsync(ct), indented: false);
            string tableJson = TableWriter.Render(table, status.PointSummaries, "json");
            return Json($"{{\"status\":{statusJson},\"table\":{tableJson}}}");
        }));
        _app.MapGet("/campaigns/{name}/figures/{**file}", (string name, string file, CancellationToken ct) => Serve(async () =>
        {
            (string stem, string ext) = Split(file);
            FigureFile? drawn = await _reads.FigureAsync(name, stem, ext, ct);
            return drawn is null ? NotFound($"campaign '{name}' has no figure '{stem}' in {(ext.Length == 0 ? "any format" : ext)} (yet); formats: svg, png, csv")
                : Results.Bytes(drawn.Bytes, drawn.ContentType);
        }));
        _app.MapGet("/campaigns/{name}/points/{file}", (string name, string file, CancellationToken ct) => Serve(async () =>
        {
            (string stem, string ext) = Split(file);
            PointPage? page = await _reads.PointAsync(name, stem, ct);
            return page is null ? NotFound($"campaign '{name}' has no finished point '{stem}'")
                : ext switch
                {
                    "" => Html(DashboardHtml.Point(name, page)),
                    ".csv" => Text(ExportCommand.CurvesCsv(page.Result), "text/csv"),
                    ".json" => Json(PointResultJson.Write(page.Result)),
                    _ => NotFound($"no such download: {file}"),
                };
        }));
        _app.MapPost("/api/campaigns/{name}/cancel", (string name, HttpRequest request, CancellationToken ct) => Serve(async () =>
        {
            if (_token is null)
            {
                return Results.Text("refused: this dashboard is read-only (start it with --allow-control)\n", "text/plain", statusCode: StatusCodes.Status403Forbidden);
            }

            string given = request.Headers["X-Sweep-Token"].ToString();
            if (given.Length == 0 && request.HasFormContentType)
            {
                given = (await request.ReadFormAsync(ct))["token"].ToString();
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), _token))
            {
                return Results.Text("refused: a cancel needs the control token the dashboard printed at start\n", "text/plain", statusCode: StatusCodes.Status403Forbidden);
            }

            CancelOutcome outcome = await _reads.CancelAsync(name, ct);
            return Results.Text(outcome == CancelOutcome.Cancelled ? $"cancelled '{name}'\n" : $"'{name}' had already finished\n", "text/plain");
        }));
    }

    private async Task<IReadOnlyList<(CampaignStatus Status, CampaignEta? Eta)>> AllStatuses(CancellationToken ct)
    {
        var all = new List<(CampaignStatus, CampaignEta?)>();
        foreach (string name in await _reads.NamesAsync(ct))
        {
            all.Add(await _reads.StatusAsync(name, ct));
        }

        return all;
    }

    private static (string Stem, string Ext) Split(string file)
    {
        string ext = Path.GetExtension(file);
        return ext is ".svg" or ".png" or ".csv" or ".json" ? (file[..^ext.Length], ext) : (file, string.Empty);
    }

    // One line for a user's mistake (404) or an unreachable store or cluster (503), never a stack trace.
    private static async Task<IResult> Serve(Func<Task<IResult>> page)
    {
        try
        {
            return await page();
        }
        catch (UsageException e)
        {
            return NotFound(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Text(DashboardHtml.Message("unavailable", e.Message.ReplaceLineEndings(" ")), "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult Html(string html) => Results.Text(html, "text/html; charset=utf-8");

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");

    private static IResult Text(string text, string type) => Results.Text(text, type + "; charset=utf-8");

    private static IResult NotFound(string message)
        => Results.Text(DashboardHtml.Message("not found", message), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
