using System.Text.Json;
using Sweep.Physics.Time;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns;

/// <summary>
/// Reads a campaign spec from JSON and validates all of it before anything else runs, so a
/// user sees every problem of a spec at once instead of one per attempt.
/// </summary>
public static class CampaignSpecParser
{
    internal const string NameKey = "name";
    internal const string DescriptionKey = "description";
    internal const string SeedKey = "seed";
    internal const string TimePointsKey = "timePoints";
    internal const string TimeUnitKey = "timeUnit";
    internal const string FitWindowKey = "fitWindow";
    internal const string StrongDisorderMaxXKey = "strongDisorderMaxX";
    internal const string BatchSizeKey = "batchSize";
    internal const string KernelKey = "kernel";
    internal const string BlocksKey = "blocks";

    internal static IReadOnlyList<string> TopLevelKeys { get; } =
    [
        NameKey, DescriptionKey, SeedKey, TimePointsKey, TimeUnitKey, FitWindowKey,
        StrongDisorderMaxXKey, BatchSizeKey, KernelKey, BlocksKey,
    ];

    private static readonly string[] RequiredKeys = [NameKey, SeedKey, BlocksKey];

    // Hand-written specs benefit from comments and trailing commas; the canonical writer emits neither.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SpecParseResult ParseFile(string path)
    {
        string json;
        if (Directory.Exists(path))
        {
            // Reading a directory fails with "access denied", which sends users to chmod.
            return SpecParseResult.Invalid([$"spec {Path.GetFullPath(path)} is a directory; name the spec's JSON file"]);
        }

        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return SpecParseResult.Invalid([$"spec file not found: {Path.GetFullPath(path)}"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SpecParseResult.Invalid([$"cannot read spec file {Path.GetFullPath(path)}: {e.Message}"]);
        }

        return Parse(json);
    }

    public static SpecParseResult Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return SpecParseResult.Invalid([SyntaxError(e)]);
        }

        using (document)
        {
            var errors = new SpecErrors();
            CampaignSpec? spec = Read(document.RootElement, errors);
            if (errors.Count == 0 && spec is not null)
            {
                // Limits that need the whole spec (the kernel, T and every point) come last.
                SpecLimits.Check(spec, errors);
            }

            return errors.Count == 0 && spec is not null ? SpecParseResult.Valid(spec) : SpecParseResult.Invalid(errors.Messages);
        }
    }

    private static CampaignSpec? Read(JsonElement root, SpecErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(string.Empty, $"a campaign spec must be a JSON object, got {JsonFields.Describe(root.ValueKind)}");
            return null;
        }

        var fields = ObjectShape.Read(root, string.Empty, TopLevelKeys, RequiredKeys, _ => null, errors);
        if (fields is null)
        {
            return null;
        }

        string? name = Optional(fields, NameKey, null, (e, p) => ReadName(e, p, errors));
        string? description = Optional(fields, DescriptionKey, null, (e, p) => JsonFields.ReadString(e, p, errors));
        ulong? seed = Optional<ulong?>(fields, SeedKey, null, (e, p) => JsonFields.ReadUInt64(e, p, errors));
        int? timePoints = Optional<int?>(fields, TimePointsKey, CampaignSpec.DefaultTimePoints, (e, p) =>
            JsonFields.ReadInt(e, p, 2, SpecLimits.MaxTimePoints, SpecLimits.TimePointsReason, errors));
        TimeUnit? timeUnit = Optional<TimeUnit?>(fields, TimeUnitKey, CampaignSpec.DefaultTimeUnit, (e, p) => ReadTimeUnit(e, p, errors));
        (double Upper, double Lower)? window = Optional<(double, double)?>(
            fields, FitWindowKey, (CampaignSpec.DefaultFitUpper, CampaignSpec.DefaultFitLower), (e, p) => ReadFitWindow(e, p, errors));
        double? strongMaxX = Optional<double?>(fields, StrongDisorderMaxXKey, CampaignSpec.DefaultStrongDisorderMaxX, (e, p) =>
            ReadPositive(e, p, errors));
        int? batchSize = Optional<int?>(fields, BatchSizeKey, CampaignSpec.DefaultBatchSize, (e, p) =>
            JsonFields.ReadInt(e, p, 1, int.MaxValue, null, errors));
        SpinKernelChoice? kernel = Optional(fields, KernelKey, SpinKernelChoice.Default, (e, p) => KernelJson.Read(e, p, errors));
        List<SpecBlock>? blocks = Optional(fields, BlocksKey, null, (e, p) => ReadBlocks(e, p, errors));

        if (name is null || seed is null || timePoints is null || timeUnit is null || window is null
            || strongMaxX is null || batchSize is null || kernel is null || blocks is null)
        {
            return null;
        }

        return new CampaignSpec(
            name, description, seed.Value, timePoints.Value, timeUnit.Value, window.Value.Upper, window.Value.Lower,
            strongMaxX.Value, batchSize.Value, kernel, new ValueList<SpecBlock>(blocks))
        {
            KernelGiven = fields.ContainsKey(KernelKey),
        };
    }

    private static T? Optional<T>(Dictionary<string, JsonElement> fields, string key, T? fallback, Func<JsonElement, string, T?> read)
        => fields.TryGetValue(key, out JsonElement element) ? read(element, key) : fallback;

    private static string? ReadName(JsonElement element, string path, SpecErrors errors)
    {
        string? name = JsonFields.ReadString(element, path, errors);
        if (name is not null && CampaignNames.Problem(name) is { } problem)
        {
            errors.Add(path, problem);
            return null;
        }

        return name;
    }

    private static TimeUnit? ReadTimeUnit(JsonElement element, string path, SpecErrors errors)
    {
        string? text = JsonFields.ReadString(element, path, errors);
        if (text is null)
        {
            return null;
        }

        TimeUnit? unit = TimeUnitNames.Parse(text);
        if (unit is null)
        {
            errors.Add(path, $"unknown time unit '{text}' (known: {string.Join(", ", TimeUnitNames.Known)})");
        }

        return unit;
    }

    private static (double Upper, double Lower)? ReadFitWindow(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
        {
            string got = element.ValueKind == JsonValueKind.Array
                ? $"a list of {element.GetArrayLength()}"
                : JsonFields.Describe(element.ValueKind);
            errors.Add(path, $"expected [upper, lower], a list of two numbers, got {got}");
            return null;
        }

        double? upper = JsonFields.ReadFiniteDouble(element[0], SpecErrors.Item(path, 0), errors);
        double? lower = JsonFields.ReadFiniteDouble(element[1], SpecErrors.Item(path, 1), errors);
        if (upper is null || lower is null)
        {
            return null;
        }

        if (!(lower > 0 && lower < upper && upper <= 1))
        {
            errors.Add(path, $"need 0 < lower < upper <= 1 (got upper {upper.Value:R}, lower {lower.Value:R})");
            return null;
        }

        return (upper.Value, lower.Value);
    }

    private static double? ReadPositive(JsonElement element, string path, SpecErrors errors)
    {
        double? value = JsonFields.ReadFiniteDouble(element, path, errors);
        if (value is not null && value <= 0)
        {
            errors.Add(path, $"must be positive (got {value.Value:R})");
            return null;
        }

        return value;
    }

    private static List<SpecBlock>? ReadBlocks(JsonElement element, string path, SpecErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"expected a list of blocks, got {JsonFields.Describe(element.ValueKind)}");
            return null;
        }

        if (element.GetArrayLength() == 0)
        {
            errors.Add(path, "must not be empty");
            return null;
        }

        var blocks = new List<SpecBlock>();
        bool ok = true;
        int index = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            SpecBlock? block = BlockParser.Read(item, SpecErrors.Item(path, index), errors);
            ok &= block is not null;
            if (block is not null)
            {
                blocks.Add(block);
            }

            index++;
        }

        if (!ok)
        {
            return null;
        }

        foreach ((int block, string problem) in CampaignGrid.StepConflicts(blocks))
        {
            errors.Add(SpecErrors.Child(SpecErrors.Child(SpecErrors.Item(path, block), BlockParser.TargetKey), TargetParser.StepKey), problem);
        }

        return blocks;
    }

    private static string SyntaxError(JsonException e)
    {
        // JsonException counts from 0 and repeats the position at the end of its message.
        string message = e.Message;
        int suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        return e.LineNumber is { } line
            ? $"invalid JSON at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {message}"
            : $"invalid JSON: {message}";
    }
}
