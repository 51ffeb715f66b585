using Sweep.Client.Commands;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Reports;

/// <summary>
/// The page of one finished point: its mag and pur curves and their residuals. The figures are
/// drawn on first use: the dashboard rebuilds a report while points finish and shows a point's
/// page only when asked, so three plots for every finished point on every rebuild are work no
/// campaign page needs (docs/PERFORMANCE.md, "Dashboard overhead").
/// </summary>
internal sealed class PointPage
{
    private readonly Lazy<Figure> _mag;
    private readonly Lazy<Figure> _pur;
    private readonly Lazy<Figure> _residuals;

    public PointPage(PointResult result, string unitNote)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
        _mag = new Lazy<Figure>(() => PointCurve.Build(result, Observable.Mag, unitNote));
        _pur = new Lazy<Figure>(() => PointCurve.Build(result, Observable.Pur, unitNote));
        _residuals = new Lazy<Figure>(() => PointResiduals.Build(result, unitNote));
    }

    public PointResult Result { get; }

    public Figure Mag => _mag.Value;

    public Figure Pur => _pur.Value;

    public Figure Residuals => _residuals.Value;

    /// <summary>The page's HTML file, relative to the report directory.</summary>
    public string HtmlPath => $"points/{ExportCommand.FileStem(Result.Key)}.html";

    public IEnumerable<Figure> Figures => [Mag, Pur, Residuals];

    /// <summary>The stems of <see cref="Figures"/>, known without drawing them.</summary>
    public bool HasFigure(string stem)
        => stem == PointCurve.Stem(Result.Key, Observable.Mag) || stem == PointCurve.Stem(Result.Key, Observable.Pur) || stem == PointResiduals.Stem(Result.Key);

    /// <summary>The point's precision target and outcome as the table shows it, or null without one.</summary>
    public string? Target { get; init; }
}
