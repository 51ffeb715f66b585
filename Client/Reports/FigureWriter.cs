using Sweep.Client.Output;
using Sweep.Client.Output.Json;

namespace Sweep.Client.Reports;

/// <summary>
/// Saves a figure as STEM.png with STEM.csv and STEM.json beside it, holding exactly the
/// series it was drawn from. Numbers are written round-trip; a missing (NaN) value is an
/// empty CSV cell and a JSON null.
/// </summary>
internal static class FigureWriter
{
    public static void Write(Figure figure, OutputDirectory output)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(output);
        output.Replace(figure.Stem + ".png", path => figure.Plot.SavePng(path, figure.Width, figure.Height));
        output.WriteText(figure.Stem + ".csv", Csv(figure));
        output.WriteText(figure.Stem + ".json", Json(figure));
    }

    public static string Csv(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var csv = new CsvWriter().Row(["series", .. figure.Columns]);
        foreach (PlottedSeries s in figure.Series)
        {
            foreach (double[] row in s.Rows)
            {
                csv.Row([s.Name, .. row.Select(CsvWriter.Number)]);
            }
        }

        return csv.ToString();
    }

    private static string Json(Figure figure)
        => SweepJson.Write(
            new FigureDocument(figure.Stem, figure.Title, figure.Note, figure.Width, figure.Height, figure.Columns, [.. figure.Series.Select(s => new FigureSeriesDocument(s.Name, s.Rows))]),
            SweepJsonContext.Default.FigureDocument);
}
