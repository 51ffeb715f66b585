namespace Sweep.Client.Reports;

/// <summary>
/// One drawn series of a figure, as numbers: a row per drawn point, in the figure's columns.
/// These rows are what the CSV and JSON beside the PNG hold, so a reader can redraw the plot.
/// </summary>
internal sealed record PlottedSeries(string Name, IReadOnlyList<double[]> Rows);
