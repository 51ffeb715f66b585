using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sweep.Physics.Scaling;
using Sweep.Physics.Time;

namespace Sweep.Campaigns;

/// <summary>
/// Writes a spec in one canonical JSON form: fixed key order, every default spelled out,
/// numbers in their shortest round-trip form. Storing this text rather than the user's file
/// means a stored campaign reads back as exactly the spec that produced its results.
/// </summary>
public static class CampaignSpecJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // The text is stored and printed, never embedded in HTML, so keep quotes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(CampaignSpec spec)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString(CampaignSpecParser.NameKey, spec.Name);
            if (spec.Description is not null)
            {
                writer.WriteString(CampaignSpecParser.DescriptionKey, spec.Description);
            }

            writer.WriteNumber(CampaignSpecParser.SeedKey, spec.Seed);
            writer.WriteNumber(CampaignSpecParser.TimePointsKey, spec.TimePoints);
            writer.WriteString(CampaignSpecParser.TimeUnitKey, spec.TimeUnit.Name());
            writer.WriteStartArray(CampaignSpecParser.FitWindowKey);
            writer.WriteNumberValue(spec.FitUpper);
            writer.WriteNumberValue(spec.FitLower);
            writer.WriteEndArray();
            writer.WriteNumber(CampaignSpecParser.StrongDisorderMaxXKey, spec.StrongDisorderMaxX);
            writer.WriteNumber(CampaignSpecParser.BatchSizeKey, spec.BatchSize);
            if (spec.KernelGiven)
            {
                writer.WritePropertyName(CampaignSpecParser.KernelKey);
                KernelJson.Write(writer, spec.Kernel);
            }
            writer.WriteStartArray(CampaignSpecParser.BlocksKey);
            foreach (SpecBlock block in spec.Blocks)
            {
                WriteBlock(writer, block);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteBlock(Utf8JsonWriter writer, SpecBlock block)
    {
        writer.WriteStartObject();
        writer.WriteNumber(BlockParser.DKey, block.D);
        WriteNumbers(writer, BlockParser.AlphaKey, block.Alpha, writer.WriteNumberValue);
        WriteNumbers(writer, BlockParser.XKey, block.X, writer.WriteNumberValue);
        WriteNumbers(writer, BlockParser.NKey, block.N, writer.WriteNumberValue);
        if (block.Target is null)
        {
            writer.WriteNumber(BlockParser.NsKey, block.Ns);
        }

        WriteObservables(writer, BlockParser.ObservablesKey, block.Observables);
        if (block.Target is { } target)
        {
            writer.WriteStartObject(BlockParser.TargetKey);
            writer.WriteNumber(TargetParser.BetaErrorKey, target.BetaError);
            WriteObservables(writer, TargetParser.ObservablesKey, target.Observables);
            writer.WriteNumber(TargetParser.MinNsKey, target.MinNs);
            writer.WriteNumber(TargetParser.MaxNsKey, target.MaxNs);
            writer.WriteNumber(TargetParser.StepKey, target.Step);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteObservables(Utf8JsonWriter writer, string key, ValueList<Observable> observables)
    {
        writer.WriteStartArray(key);
        foreach (string name in observables.Select(o => o.Name()))
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }

    private static void WriteNumbers<T>(Utf8JsonWriter writer, string key, IEnumerable<T> values, Action<T> write)
    {
        writer.WriteStartArray(key);
        foreach (T value in values)
        {
            write(value);
        }

        writer.WriteEndArray();
    }
}
