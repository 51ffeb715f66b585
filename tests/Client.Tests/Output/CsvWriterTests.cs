using Sweep.Client.Output;
using Sweep.Client.Reports;
using Sweep.Client.Tests.Reports;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Tests.Output;

/// <summary>
/// The CSV files quote as RFC 4180 says, so a field with a comma, a quote or a line break reads
/// back as written with any CSV reader, and plain fields stay unquoted.
/// </summary>
public sealed class CsvWriterTests
{
    private const string Awkward = "x <= 1e-3, the \"strong\" disorder";

    [Fact]
    public void FieldsWithCommasQuotesAndLineBreaksRoundTrip()
    {
        string[] fields = ["plain", Awkward, "two\nlines", "cr\rlf\r\n", string.Empty, "\"", ","];
        string text = new CsvWriter().Row("a", "b", "c", "d", "e", "f", "g").Row(fields).ToString();

        List<string[]> records = Rfc4180.Parse(text);
        Assert.Equal(2, records.Count);
        Assert.Equal(fields, records[1]);
        Assert.StartsWith("plain,\"x <= 1e-3, the \"\"strong\"\" disorder\",", text.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AFigureSeriesNamedWithACommaAndAQuoteRoundTrips()
    {
        var figure = new Figure("f", "title", new ScottPlot.Plot(), 10, 10, ["t", "value"], [new PlottedSeries(Awkward, [[1.5, double.NaN]]), new PlottedSeries("plain", [[2, 3]])], "note");
        string text = FigureWriter.Csv(figure);

        var (header, rows) = CsvTable.Parse(text);
        Assert.Equal(["series", "t", "value"], header);
        Assert.Equal(Awkward, rows[0].Series);
        Assert.Equal([1.5, double.NaN], rows[0].Values);
        Assert.Equal("plain,2,3", text.Split('\n')[2]);
    }

    [Fact]
    public void AnExponentErrorWithACommaAndAQuoteRoundTripsThroughTheTableCsv()
    {
        const string error = "fewer than 3 N values with a fit, \"2\" found";
        var table = new ScalingTable([], [new ExponentRow(3, 6, Observable.Mag, 0.5, [25, 50], [10, 10], double.NaN, double.NaN, double.NaN, false, error)], 0.01, Partial: true);
        string text = TableWriter.Render(table, [], "csv");

        List<string[]> records = Rfc4180.Parse(text);
        Assert.Equal("error", records[0][^1]);
        Assert.Equal(["exponent", "3", "6", "0.5", "mag", string.Empty, string.Empty, string.Empty, "25;50", "10;10", error], records[1]);
    }
}
