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

    /// <summary>The figure with that stem, or null; draws only the one point page it is on, if any.</summary>
    public Figure? FindFigure(string stem)
        => Fig1.Concat(Fig2a).Concat(Fig2b).Concat(Fig2c is null ? [] : [Fig2c]).FirstOrDefault(f => f.Stem == stem)
            ?? Points.FirstOrDefault(p => p.HasFigure(stem))?.Figures.FirstOrDefault(f => f.Stem == stem);
}
