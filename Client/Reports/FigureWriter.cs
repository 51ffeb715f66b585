using Sweep.Client.Output;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sweep.Client.Reports;

/// <summary>
/// Saves a figure as STEM.png with STEM.csv and STEM.json beside it, holding exactly the
/// series it was drawn from. Numbers are written round-trip; a missing (NaN) value is an
/// empty CSV cell and a JSON null.
/// </summary>
internal static class FigureWriter
{
    public static void Write(Figure figure, string outDir)
    {
        ArgumentNullException.ThrowIfNull(figure);
        string png = Path.Combine(outDir, figure.Stem + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        figure.Plot.SavePng(png, figure.Width, figure.Height);
        File.WriteAllText(Path.Combine(outDir, figure.Stem + ".csv"), Csv(figure));
        File.WriteAllText(Path.Combine(outDir, figure.Stem + ".json"), Json(figure));
    }

    public static string Csv(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var sb = new StringBuilder();
        sb.Append("series,").AppendJoin(',', figure.Columns).Append('\n');
        foreach (PlottedSeries s in figure.Series)
        {
            string name = "\"" + s.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            foreach (double[] row in s.Rows)
            {
                sb.Append(name);
                foreach (double v in row)
                {
                    sb.Append(',').Append(Number(v));
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    public static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Json(Figure figure)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("figure", figure.Stem);
            w.WriteString("title", figure.Title);
            w.WriteString("note", figure.Note);
            w.WriteNumber("width_px", figure.Width);
            w.WriteNumber("height_px", figure.Height);
            w.WriteStartArray("columns");
            foreach (string c in figure.Columns)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteStartArray("series");
            foreach (PlottedSeries s in figure.Series)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteStartArray("rows");
                foreach (double[] row in s.Rows)
                {
                    w.WriteStartArray();
                    foreach (double v in row)
                    {
                        w.WriteNumberOrNullValue(v);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
