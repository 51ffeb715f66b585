using System.Globalization;
using System.Text;

namespace Sweep.Client.Output;

/// <summary>
/// The one CSV writer of `sweep` (table, export and report CSVs). Fields are quoted as RFC 4180
/// says: a field holding a comma, a double quote, CR or LF is enclosed in double quotes, with
/// its quotes doubled; other fields are written as they are. Rows end with LF. Numbers are
/// written in round-trip form; a missing (non-finite) number is an empty field.
/// </summary>
/// <remarks>
/// Written here rather than taken from CsvHelper: the files need only quoting, round-trip
/// numbers and the odd "# ..." comment line, and this keeps their bytes under our control.
/// </remarks>
internal sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>One record; every field is quoted if it needs to be.</summary>
    public CsvWriter Row(params IEnumerable<string?> fields)
    {
        bool first = true;
        foreach (string? field in fields)
        {
            if (!first)
            {
                _text.Append(',');
            }

            _text.Append(Field(field ?? string.Empty));
            first = false;
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>A line outside the records, such as the units line above a curve's header or the blank line between two tables.</summary>
    public CsvWriter Line(string text = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        _text.Append(text).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    public static string Integer(long v) => v.ToString(CultureInfo.InvariantCulture);
}
