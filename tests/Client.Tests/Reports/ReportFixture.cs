using Sweep.Client.Hosting.Local;
using Sweep.Client.Reports;

namespace Sweep.Client.Tests.Reports;

/// <summary>
/// Runs a tiny campaign in this process into a temporary data directory, then `sweep report`
/// on it, once for all report tests: a real store, written by the grains, read back as users do.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public const string Campaign = "report-test";
    public const ulong Seed = 11;
    public const int TimePoints = 40;
    public const int Ns = 16;

    public ReportFixture()
    {
        Root = Directory.CreateTempSubdirectory("sweep-report-test-").FullName;
        string spec = Path.Combine(Root, "spec.json");
        File.WriteAllText(spec, $$"""
            {
              "name": "{{Campaign}}", "seed": {{Seed}}, "timePoints": {{TimePoints}}, "batchSize": 8,
              "blocks": [
                { "d": 3, "alpha": [6], "x": [0.001, 0.003, 0.01], "N": [12, 60], "Ns": {{Ns}}, "observables": ["mag", "pur"] },
                { "d": 2, "alpha": [2, 3], "x": [0.001, 0.01], "N": [10, 20], "Ns": {{Ns}}, "observables": ["mag", "pur"] }
              ]
            }
            """);
        DataDir = Path.Combine(Root, "data");
        OutDir = Path.Combine(Root, "report");
        var log = new StringWriter();
        int run = CommandLine.Run(["run", spec, "--data", DataDir, "--slots", "2", "--progress-seconds", "1000"], log, log);
        if (run != 0)
        {
            throw new InvalidOperationException($"sweep run failed ({run}): {log}");
        }

        int report = CommandLine.Run(["report", Campaign, "--data", DataDir, "--out", OutDir], log, log);
        if (report != 0)
        {
            throw new InvalidOperationException($"sweep report failed ({report}): {log}");
        }

        var target = new StoreCampaignTarget(DataDirectory.Resolve(DataDir));
        Source = target.ReadReportAsync(Campaign, CancellationToken.None).GetAwaiter().GetResult();
        Contents = ReportBuilder.Build(Source, null);
    }

    public string Root { get; }

    public string DataDir { get; }

    public string OutDir { get; }

    internal ReportSource Source { get; }

    internal ReportContents Contents { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
