using Sweep.Client.Cli;
using Sweep.Client.Local;
using Sweep.Client.Reports;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep report CAMPAIGN --out DIR`: the paper's figures, a page per finished point and an
/// index.html, from the store; a campaign still running gives a report marked partial.
/// </summary>
internal static class ReportCommand
{
    public const string Usage = "sweep report CAMPAIGN --out DIR [--data DIR] [--point d,alpha,x,N]";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        // Its Fig. 1 snapshots live in the points' stored state, which no grain call returns.
        if (args.Any(a => a == "--redis" || a.StartsWith("--redis=", StringComparison.Ordinal)))
        {
            throw UsageException.ForOption("--redis", "report reads a local data directory only (the grains do not serve the Fig. 1 snapshots); `sweep export CAMPAIGN --out DIR --redis HOST:PORT` exports a cluster's results");
        }

        var reader = new ArgumentReader(args, new HashSet<string>(StringComparer.Ordinal) { "--data", "--out", "--point" }, new HashSet<string>(StringComparer.Ordinal));
        if (reader.Positionals.Count != 1 || reader.String("--out") is not { } outDir)
        {
            throw new UsageException($"usage: {Usage}");
        }

        (int, double, double, int)? point = reader.String("--point") is { } p ? Fig1PointChoice.Parse(p) : null;
        StoredCampaign campaign = StoredCampaign.Load(DataDirectory.Resolve(reader.String("--data")), reader.Positionals[0]);
        ReportSource source = ReportSource.From(campaign);
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
