using System.Text.Json;

namespace Sweep.Campaigns;

/// <summary>
/// Checks the keys of a JSON object against the keys a spec allows there: unknown, repeated
/// and missing required keys are reported, because a misspelt optional key would otherwise
/// silently fall back to its default.
/// </summary>
internal static class ObjectShape
{
    /// <param name="unknownHint">Extra explanation for an unknown key, or null for none.</param>
    public static Dictionary<string, JsonElement>? Read(
        JsonElement element,
        string path,
        IReadOnlyCollection<string> known,
        IReadOnlyCollection<string> required,
        Func<string, string?> unknownHint,
        SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object, got {JsonFields.Describe(element.ValueKind)}");
            return null;
        }

        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                errors.Add(path, $"unknown key '{property.Name}'{Hint(property.Name, known, unknownHint)}");
            }
            else if (!found.TryAdd(property.Name, property.Value))
            {
                // JSON readers disagree on which of two equal keys wins: refuse rather than guess.
                errors.Add(SpecErrors.Child(path, property.Name), "key appears more than once");
            }
        }

        foreach (string key in required)
        {
            if (!found.ContainsKey(key))
            {
                errors.Add(SpecErrors.Child(path, key), "is required");
            }
        }

        return found;
    }

    private static string Hint(string key, IReadOnlyCollection<string> known, Func<string, string?> unknownHint)
    {
        string? extra = unknownHint(key);
        if (extra is not null)
        {
            return $" ({extra})";
        }

        string? sameLetters = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        return sameLetters is not null
            ? $" (did you mean '{sameLetters}'? keys are case-sensitive)"
            : $" (known: {string.Join(", ", known)})";
    }
}
