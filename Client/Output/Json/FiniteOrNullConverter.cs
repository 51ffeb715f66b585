using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweep.Client.Output.Json;

/// <summary>
/// JSON has no NaN or infinities: a non-finite number is written as null. Finite doubles are
/// written in round-trip form, so parsing them back gives the same bits.
/// </summary>
internal sealed class FiniteOrNullConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
