using System.Globalization;
using Sweep.Client.Tests.Output;

namespace Sweep.Client.Tests.Reports;

/// <summary>Reads a figure CSV back: header, then (series, numbers) per row; an empty cell is NaN.</summary>
internal static class CsvTable
{
    public static (string[] Header, List<(string Series, double[] Values)> Rows) Read(string path) => Parse(File.ReadAllText(path));

    public static (string[] Header, List<(string Series, double[] Values)> Rows) Parse(string text)
    {
        List<string[]> records = Rfc4180.Parse(text);
        var rows = records.Skip(1)
            .Select(r => (r[0], r.Skip(1).Select(c => c.Length == 0 ? double.NaN : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()))
            .ToList();
        return (records[0], rows);
    }
}
