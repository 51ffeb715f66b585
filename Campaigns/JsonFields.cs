using System.Globalization;
using System.Text.Json;

namespace Sweep.Campaigns;

/// <summary>
/// Reads typed values out of JSON elements, reporting a wrong JSON type or an unrepresentable
/// number against the field's path instead of throwing, so validation can carry on.
/// </summary>
internal static class JsonFields
{
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    public static string? ReadString(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, $"expected a string, got {Describe(element.ValueKind)}");
            return null;
        }

        return element.GetString();
    }

    /// <summary>
    /// Reads an integer from the number's text: "2.0" and "2e0" are rejected rather than
    /// rounded, so a typo cannot silently become a different count.
    /// </summary>
    public static long? ReadInteger(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, $"expected an integer, got {Describe(element.ValueKind)}");
            return null;
        }

        if (!element.TryGetInt64(out long value))
        {
            errors.Add(path, $"must be an integer (got {element.GetRawText()})");
            return null;
        }

        return value;
    }

    /// <summary>
    /// Reads an int with an inclusive range, reporting values outside it (including ones too
    /// large for Int64) with the bound they violate.
    /// </summary>
    public static int? ReadInt(JsonElement element, string path, int min, int max, string? maxReason, SpecErrors errors)
    {
        if (element.ValueKind == JsonValueKind.Number && !element.TryGetInt64(out _) && IsIntegerText(element.GetRawText()))
        {
            errors.Add(path, TooLarge(max, maxReason, element.GetRawText()));
            return null;
        }

        long? value = ReadInteger(element, path, errors);
        if (value is null)
        {
            return null;
        }

        if (value < min)
        {
            errors.Add(path, $"must be at least {min} (got {value})");
            return null;
        }

        if (value > max)
        {
            errors.Add(path, TooLarge(max, maxReason, value.Value.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return (int)value.Value;
    }

    /// <summary>
    /// Reads an unsigned 64-bit integer straight from the number's digits: going through a
    /// double would lose every seed above 2^53.
    /// </summary>
    public static ulong? ReadUInt64(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, $"expected an unsigned 64-bit integer, got {Describe(element.ValueKind)}");
            return null;
        }

        if (!element.TryGetUInt64(out ulong value))
        {
            errors.Add(path, $"must be an integer from 0 to {ulong.MaxValue} (got {element.GetRawText()})");
            return null;
        }

        return value;
    }

    public static double? ReadFiniteDouble(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, $"expected a number, got {Describe(element.ValueKind)}");
            return null;
        }

        if (!element.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            errors.Add(path, $"must be a finite number (got {element.GetRawText()})");
            return null;
        }

        return value;
    }

    /// <summary>
    /// Reads a non-empty list, reading every item with <paramref name="readItem"/>; returns null
    /// if the list or any item is unusable (each item's problem is reported).
    /// </summary>
    public static List<T>? ReadNonEmptyList<T>(
        JsonElement element, string path, SpecErrors errors, Func<JsonElement, string, T?> readItem)
        where T : struct
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"expected a list, got {Describe(element.ValueKind)}");
            return null;
        }

        if (element.GetArrayLength() == 0)
        {
            errors.Add(path, "must not be empty");
            return null;
        }

        var items = new List<T>();
        bool ok = true;
        int index = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            T? value = readItem(item, SpecErrors.Item(path, index));
            if (value is null)
            {
                ok = false;
            }
            else
            {
                items.Add(value.Value);
            }

            index++;
        }

        return ok ? items : null;
    }

    private static bool IsIntegerText(string raw) =>
        raw.TrimStart('-').All(char.IsAsciiDigit);

    private static string TooLarge(int max, string? reason, string got) =>
        reason is null ? $"must be at most {max} (got {got})" : $"must be at most {max}, {reason} (got {got})";
}
