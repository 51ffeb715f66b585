using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Sweep.Client.Output.Json;

/// <summary>Writes a document of <see cref="SweepJsonContext"/> to text, indented or on one line.</summary>
internal static class SweepJson
{
    public static string Write<T>(T document, JsonTypeInfo<T> type, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            JsonSerializer.Serialize(writer, document, type);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
