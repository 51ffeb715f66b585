using Sweep.Client.Commands;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Reports;

/// <summary>The page of one finished point: its mag and pur curves and their residuals.</summary>
internal sealed record PointPage(PointResult Result, Figure Mag, Figure Pur, Figure Residuals)
{
    /// <summary>The page's HTML file, relative to the report directory.</summary>
    public string HtmlPath => $"points/{ExportCommand.FileStem(Result.Key)}.html";

    public IEnumerable<Figure> Figures => [Mag, Pur, Residuals];

    /// <summary>The point's precision target and outcome as the table shows it, or null without one.</summary>
    public string? Target { get; init; }
}
