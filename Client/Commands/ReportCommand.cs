using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Local;
using Sweep.Client.Remote;
using Sweep.Client.Reports;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep report CAMPAIGN --out DIR`: the paper's figures, a page per finished point and an
/// index.html, from the store or (with --redis) from a cluster's grains; a campaign still
/// running gives a report marked partial.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(string name, string outDir, string? pointGiven, TargetOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        (int, double, double, int)? point = pointGiven is { } p ? Fig1PointChoice.Parse(p) : null;
        ReportSource source;
        if (ClusterTarget.From(options) is { } target)
        {
            await using var cluster = new ClusterCampaignSource(await RemoteCluster.ConnectAsync(target, stderr, cancellationToken));
            source = await cluster.ReadReportAsync(name, cancellationToken);
        }
        else
        {
            source = ReportSource.From(StoredCampaign.Load(DataDirectory.Resolve(options.Data), name));
        }

        ReportContents contents = ReportBuilder.Build(source, point);
        ReportWriter.Write(contents, outDir, DateTimeOffset.UtcNow);
        string index = Path.GetFullPath(Path.Combine(outDir, "index.html"));
        stdout.WriteLine($"report of '{source.Campaign}': {contents.AllFigures.Count()} figures, {contents.Points.Count} point pages{(source.Partial ? $" (partial: {source.PointsDone} of {source.PointsTotal} points finished)" : string.Empty)}");
        if (contents.Fig1Missing is not null)
        {
            stdout.WriteLine($"no Fig. 1: {contents.Fig1Missing}");
        }

        stdout.WriteLine($"open {index}");
        return 0;
    }
}
