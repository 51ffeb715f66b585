using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Reports;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep report CAMPAIGN --out DIR`: the paper's figures, a page per finished point and an
/// index.html, from the store or (with --redis) from a cluster's grains; a campaign still
/// running gives a report marked partial.
/// </summary>
internal static class ReportCommand
{
    public const string Usage = "sweep report CAMPAIGN --out DIR [--point d,alpha,x,N] " + CampaignTargets.Usage;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(args, new HashSet<string>(["--out", "--point", .. TargetOptions.ValueOptions], StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        if (reader.Positionals.Count != 1 || reader.String("--out") is not { } outDir)
        {
            throw new UsageException($"usage: {Usage}");
        }

        string name = reader.Positionals[0];
        (int, double, double, int)? point = reader.String("--point") is { } p ? Fig1PointChoice.Parse(p) : null;
        ReportSource source;
        await using (ICampaignTarget target = await CampaignTargets.OpenAsync(TargetOptions.Read(reader), stderr, cancellationToken))
        {
            source = await target.ReadReportAsync(name, cancellationToken);
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
