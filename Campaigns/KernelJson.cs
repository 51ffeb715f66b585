using System.Text.Json;

namespace Sweep.Campaigns;

/// <summary>
/// Reads and writes the spec's "kernel" object. The set of allowed keys depends on the kernel
/// named, so a setting of one kernel given to another is an error rather than ignored.
/// </summary>
internal static class KernelJson
{
    private const string NameKey = "name";

    public static IReadOnlyList<string> KnownNames { get; } = [ExactKernel.KernelName];

    public static KernelChoice? Read(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object such as {{ \"name\": \"exact\" }}, got {JsonFields.Describe(element.ValueKind)}");
            return null;
        }

        string namePath = SpecErrors.Child(path, NameKey);
        if (!element.TryGetProperty(NameKey, out JsonElement nameElement))
        {
            errors.Add(namePath, $"is required (known: {string.Join(", ", KnownNames)})");
            return null;
        }

        string? name = JsonFields.ReadString(nameElement, namePath, errors);
        if (name is null)
        {
            return null;
        }

        switch (name)
        {
            case ExactKernel.KernelName:
                var fields = ObjectShape.Read(
                    element, path, [NameKey], [NameKey], _ => "the exact kernel takes no settings", errors);
                return fields is null ? null : ExactKernel.Instance;
            default:
                errors.Add(namePath, $"unknown kernel '{name}' (known: {string.Join(", ", KnownNames)})");
                return null;
        }
    }

    /// <summary>The kernel as one line of JSON, to show it in messages with all its settings.</summary>
    public static string Describe(KernelChoice kernel)
    {
        if (!HasJsonForm(kernel))
        {
            return kernel.ToString();
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, kernel);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, KernelChoice kernel)
    {
        if (!HasJsonForm(kernel))
        {
            throw new ArgumentException($"no JSON form for kernel '{kernel.Name}'", nameof(kernel));
        }

        writer.WriteStartObject();
        writer.WriteString(NameKey, kernel.Name);
        writer.WriteEndObject();
    }

    // A kernel with settings adds its case here and writes its fields in Write.
    private static bool HasJsonForm(KernelChoice kernel) => kernel is ExactKernel;
}
