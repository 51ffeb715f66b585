using System.Globalization;

namespace Sweep.Client.Tests.Reports;

/// <summary>Reads a figure CSV back: header, then (series, numbers) per row; an empty cell is NaN.</summary>
internal static class CsvTable
{
    public static (string[] Header, List<(string Series, double[] Values)> Rows) Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        var rows = new List<(string, double[])>();
        foreach (string line in lines.Skip(1))
        {
            // Series names are quoted and hold no commas after the closing quote.
            int close = line.IndexOf("\",", 1, StringComparison.Ordinal);
            string series = line[1..close].Replace("\"\"", "\"", StringComparison.Ordinal);
            double[] values = line[(close + 2)..].Split(',')
                .Select(c => c.Length == 0 ? double.NaN : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture))
                .ToArray();
            rows.Add((series, values));
        }

        return (header, rows);
    }
}
