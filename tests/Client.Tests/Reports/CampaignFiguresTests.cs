using Sweep.Client.Dashboard;
using Sweep.Client.Hosting;
using Sweep.Client.Hosting.Local;
using Sweep.Client.Output;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Tests.Reports;

/// <summary>
/// The dashboard draws Fig. 2 from the status it polls and reads a point page's result alone:
/// both must show what `sweep report` shows from the full read of every result.
/// </summary>
public sealed class CampaignFiguresTests : IClassFixture<ReportFixture>
{
    private readonly ReportFixture _f;

    public CampaignFiguresTests(ReportFixture fixture) => _f = fixture;

    [Fact]
    public async Task Fig2FromTheStatusIsTheReportsFig2()
    {
        await using var target = new StoreCampaignTarget(DataDirectory.Resolve(_f.DataDir));
        CampaignReadout status = await target.ReadAsync(ReportFixture.Campaign, withResults: false, CancellationToken.None);
        Assert.Null(status.Results);

        IReadOnlyList<FittedPoint> finished = FittedPoint.FinishedOf(status.Status.PointSummaries);
        CampaignFigures figures = ReportBuilder.Fig2(finished, status.Table);

        Assert.Equal(_f.Contents.Points.Count, finished.Count);
        Assert.Equal(_f.Contents.Fig2a.Select(f => f.Stem), figures.Fig2a.Select(f => f.Stem));
        Assert.Equal(_f.Contents.Fig2b.Select(f => f.Stem), figures.Fig2b.Select(f => f.Stem));
        Assert.NotNull(figures.Fig2c);
        Figure[] fromReport = [.. _f.Contents.Fig2a, .. _f.Contents.Fig2b, _f.Contents.Fig2c!];
        Assert.Equal(fromReport.Length, figures.All.Count());
        foreach ((Figure expected, Figure actual) in fromReport.Zip(figures.All))
        {
            Assert.Equal(expected.Stem, actual.Stem);
            Assert.Equal(expected.Title, actual.Title);
            Assert.Equal(FigureWriter.Csv(expected), FigureWriter.Csv(actual));

            // SVG is not compared: ScottPlot numbers its clip paths from a process-wide counter.
            Assert.Equal(FigureFile.Draw(expected, ".png")!.Bytes, FigureFile.Draw(actual, ".png")!.Bytes);
        }

        Assert.Same(figures.Fig2c, figures.FindFigure("fig2c"));
        Assert.Null(figures.FindFigure("fig2a_d3_alpha6_N13"));
    }

    [Fact]
    public async Task APointReadAloneIsTheReportsPoint()
    {
        await using var target = new StoreCampaignTarget(DataDirectory.Resolve(_f.DataDir));
        foreach (PointPage page in _f.Contents.Points)
        {
            (PointResult? result, PointSettingsData? settings) = await target.ReadPointAsync(ReportFixture.Campaign, page.Result.Key, CancellationToken.None);
            Assert.NotNull(result);
            Assert.Equal(PointResultJson.Write(page.Result), PointResultJson.Write(result));
            Assert.Equal(ReportBuilder.UnitNote(_f.Source.Settings), ReportBuilder.UnitNote(settings));
        }
    }
}
