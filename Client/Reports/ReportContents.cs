namespace Sweep.Client.Reports;

/// <summary>
/// Every figure of a report, by section, with the point Fig. 1 was drawn for (or why there is
/// no Fig. 1).
/// </summary>
internal sealed record ReportContents(
    ReportSource Source,
    SnapshotPoint? Fig1Point,
    string? Fig1Missing,
    IReadOnlyList<Figure> Fig1,
    IReadOnlyList<Figure> Fig2a,
    IReadOnlyList<Figure> Fig2b,
    Figure? Fig2c,
    IReadOnlyList<PointPage> Points)
{
    public IEnumerable<Figure> AllFigures
        => Fig1.Concat(Fig2a).Concat(Fig2b).Concat(Fig2c is null ? [] : [Fig2c]).Concat(Points.SelectMany(p => p.Figures));
}
