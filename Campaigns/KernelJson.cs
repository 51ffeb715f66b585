using System.Text.Json;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns;

/// <summary>
/// Reads and writes the spec's "kernel" object. The set of allowed keys depends on the kernel
/// named, so a setting of one kernel given to another is an error rather than ignored. Names,
/// defaults and ranges are <see cref="SpinKernelChoice.Named"/>'s, the same as `sweep point`'s.
/// </summary>
internal static class KernelJson
{
    private const string NameKey = "name";
    private const string ToleranceKey = "tolerance";
    private const string VersionKey = "version";

    public static SpinKernelChoice? Read(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object such as {{ \"name\": \"exact\" }}, got {JsonFields.Describe(element.ValueKind)}");
            return null;
        }

        string namePath = SpecErrors.Child(path, NameKey);
        if (!element.TryGetProperty(NameKey, out JsonElement nameElement))
        {
            errors.Add(namePath, $"is required (known: {string.Join(", ", SpinKernelChoice.Names)})");
            return null;
        }

        string? name = JsonFields.ReadString(nameElement, namePath, errors);
        if (name is null)
        {
            return null;
        }

        switch (name)
        {
            case SpinKernelChoice.ExactName:
                var fields = ObjectShape.Read(
                    element, path, [NameKey], [NameKey], _ => "the exact kernel takes no settings", errors);
                return fields is null ? null : SpinKernelChoice.Named(name, null, null);
            case SpinKernelChoice.AcceleratedName:
                return ReadAccelerated(element, path, errors);
            default:
                errors.Add(namePath, SpinKernelChoice.Problem(name, null, null)!.Value.Reason);
                return null;
        }
    }

    private static SpinKernelChoice? ReadAccelerated(JsonElement element, string path, SpecErrors errors)
    {
        var fields = ObjectShape.Read(
            element, path, [NameKey, ToleranceKey, VersionKey], [NameKey], _ => "the accelerated kernel takes only 'tolerance' and 'version'", errors);
        if (fields is null)
        {
            return null;
        }

        int? version = null;
        if (fields.TryGetValue(VersionKey, out JsonElement versionElement))
        {
            string versionPath = SpecErrors.Child(path, VersionKey);
            if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out int v)
                || SpinKernelChoice.Problem(SpinKernelChoice.AcceleratedName, null, v) is not null)
            {
                errors.Add(versionPath, $"must be an integer from {SpinKernelChoice.FirstAcceleratedVersion} to {SpinKernelChoice.LatestAcceleratedVersion} (got {versionElement.GetRawText()}); without it the kernel is version {SpinKernelChoice.FirstAcceleratedVersion}");
                return null;
            }

            version = v;
        }

        double? tolerance = null;
        if (fields.TryGetValue(ToleranceKey, out JsonElement toleranceElement))
        {
            string tolerancePath = SpecErrors.Child(path, ToleranceKey);
            tolerance = JsonFields.ReadFiniteDouble(toleranceElement, tolerancePath, errors);
            if (tolerance is null)
            {
                return null;
            }

            if (SpinKernelChoice.Problem(SpinKernelChoice.AcceleratedName, tolerance, null) is not null)
            {
                // The user's own spelling of the number, as everywhere in spec errors.
                errors.Add(tolerancePath, $"must be positive (got {toleranceElement.GetRawText()}): it is the absolute error allowed on mag and pur");
                return null;
            }
        }

        return SpinKernelChoice.Named(SpinKernelChoice.AcceleratedName, tolerance, version);
    }

    /// <summary>The kernel as one line of JSON, to show it in messages with all its settings.</summary>
    public static string Describe(SpinKernelChoice kernel)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, kernel);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, SpinKernelChoice kernel)
    {
        writer.WriteStartObject();
        writer.WriteString(NameKey, kernel.Name);
        if (kernel.Kind == SpinKernelKind.Accelerated)
        {
            // The tolerance is always written, so the stored spec does not lean on a default.
            writer.WriteNumber(ToleranceKey, kernel.Tolerance);

            // Version 1 is written without the key, as before versions existed.
            if (kernel.Version != SpinKernelChoice.FirstAcceleratedVersion)
            {
                writer.WriteNumber(VersionKey, kernel.Version);
            }
        }

        writer.WriteEndObject();
    }
}
