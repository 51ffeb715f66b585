namespace Sweep.Client.Reports;

/// <summary>
/// A built figure: its file stem (relative to the report directory, without extension), the
/// ScottPlot plot, the pixel size it is saved at, the column names shared by all its series,
/// the series drawn, and a note saying how to read it (units, what the error bars are).
/// </summary>
internal sealed record Figure(
    string Stem,
    string Title,
    ScottPlot.Plot Plot,
    int Width,
    int Height,
    IReadOnlyList<string> Columns,
    IReadOnlyList<PlottedSeries> Series,
    string Note);
