using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Output;
using Sweep.Client.Reports;
using Sweep.Physics.Points;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep report CAMPAIGN --out DIR`: the paper's figures, a page per finished point and an
/// index.html, from the store or (with --redis) from a cluster's grains; a campaign still
/// running gives a report marked partial.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(string name, string outDir, string? pointGiven, bool force, TargetOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        OutputDirectory output = OutputDirectory.Check(outDir, "report", force);
        GridPoint? point = pointGiven is { } p ? Fig1PointChoice.Parse(p) : null;
        ReportSource source;
        await using (ICampaignTarget target = await CampaignTargets.OpenAsync(options, stderr, cancellationToken))
        {
            source = await target.ReadReportAsync(name, cancellationToken);
        }

        ReportContents contents = ReportBuilder.Build(source, point);
        ReportWriter.Write(contents, output, DateTimeOffset.UtcNow);
        string index = Path.Combine(output.Path, "index.html");
        stdout.WriteLine($"report of '{source.Campaign}': {contents.AllFigures.Count()} figures, {contents.Points.Count} point pages{(source.Partial ? $" (partial: {source.PointsDone} of {source.PointsTotal} points finished)" : string.Empty)}");
        if (contents.Fig1Missing is not null)
        {
            stdout.WriteLine($"no Fig. 1: {contents.Fig1Missing}");
        }

        stdout.WriteLine($"open {index}");
        return 0;
    }
}
