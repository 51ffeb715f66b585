using System.Text.Json;

namespace Sweep.Campaigns;

/// <summary>
/// Reads and writes the spec's "kernel" object. The set of allowed keys depends on the kernel
/// named, so a setting of one kernel given to another is an error rather than ignored.
/// </summary>
internal static class KernelJson
{
    private const string NameKey = "name";

    public static IReadOnlyList<string> KnownNames { get; } = [ExactKernel.KernelName, AcceleratedKernel.KernelName];

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
            case AcceleratedKernel.KernelName:
                return ReadAccelerated(element, path, errors);
            default:
                errors.Add(namePath, $"unknown kernel '{name}' (known: {string.Join(", ", KnownNames)})");
                return null;
        }
    }

    private static AcceleratedKernel? ReadAccelerated(JsonElement element, string path, SpecErrors errors)
    {
        var fields = ObjectShape.Read(
            element, path, [NameKey, AcceleratedKernel.ToleranceKey, AcceleratedKernel.VersionKey], [NameKey], _ => "the accelerated kernel takes only 'tolerance' and 'version'", errors);
        if (fields is null)
        {
            return null;
        }

        int version = AcceleratedKernel.FirstVersion;
        if (fields.TryGetValue(AcceleratedKernel.VersionKey, out JsonElement versionElement))
        {
            string versionPath = SpecErrors.Child(path, AcceleratedKernel.VersionKey);
            if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out version)
                || version < AcceleratedKernel.FirstVersion || version > AcceleratedKernel.LatestVersion)
            {
                errors.Add(versionPath, $"must be an integer from {AcceleratedKernel.FirstVersion} to {AcceleratedKernel.LatestVersion} (got {versionElement.GetRawText()}); without it the kernel is version 1");
                return null;
            }
        }

        if (!fields.TryGetValue(AcceleratedKernel.ToleranceKey, out JsonElement toleranceElement))
        {
            return new AcceleratedKernel(AcceleratedKernel.DefaultTolerance, version);
        }

        string tolerancePath = SpecErrors.Child(path, AcceleratedKernel.ToleranceKey);
        double? tolerance = JsonFields.ReadFiniteDouble(toleranceElement, tolerancePath, errors);
        if (tolerance is null)
        {
            return null;
        }

        if (!(tolerance.Value > 0))
        {
            errors.Add(tolerancePath, $"must be positive (got {toleranceElement.GetRawText()}): it is the absolute error allowed on mag and pur");
            return null;
        }

        return new AcceleratedKernel(tolerance.Value, version);
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
        if (kernel is AcceleratedKernel accelerated)
        {
            // The tolerance is always written, so the stored spec does not lean on a default.
            writer.WriteNumber(AcceleratedKernel.ToleranceKey, accelerated.Tolerance);

            // Version 1 is written without the key, as before versions existed.
            if (accelerated.Version != AcceleratedKernel.FirstVersion)
            {
                writer.WriteNumber(AcceleratedKernel.VersionKey, accelerated.Version);
            }
        }

        writer.WriteEndObject();
    }

    // A kernel with settings adds its case here and writes its fields in Write.
    private static bool HasJsonForm(KernelChoice kernel) => kernel is ExactKernel or AcceleratedKernel;
}
