using System.Text.Json;

namespace Sweep.Client.Output;

/// <summary>
/// JSON output never carries NaN or infinities (JSON has none): a non-finite number is written as
/// null. Finite doubles are written in round-trip form, so parsing them back gives the same bits.
/// </summary>
internal static class JsonNumbers
{
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        w.WriteNumberOrNullValue(value);
    }

    public static void WriteNumberOrNullValue(this Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    public static void WriteNumbersOrNulls(this Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            w.WriteNumberOrNullValue(v);
        }

        w.WriteEndArray();
    }
}
