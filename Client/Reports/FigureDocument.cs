using System.Text.Json.Serialization;

namespace Sweep.Client.Reports;

/// <summary>
/// The JSON beside a figure's PNG: its stem, title, how to read it (units, error bars), its
/// pixel size, the column names and, per drawn series, its rows in those columns.
/// </summary>
internal sealed record FigureDocument(
    [property: JsonPropertyName("figure")] string Stem,
    string Title,
    string Note,
    [property: JsonPropertyName("width_px")] int Width,
    [property: JsonPropertyName("height_px")] int Height,
    IReadOnlyList<string> Columns,
    IReadOnlyList<FigureSeriesDocument> Series);

/// <summary>One drawn series: its name and a row of numbers per drawn point (null where missing).</summary>
internal sealed record FigureSeriesDocument(string Name, IReadOnlyList<double[]> Rows);
