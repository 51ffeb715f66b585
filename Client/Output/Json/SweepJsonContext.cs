using System.Text.Json.Serialization;
using Sweep.Client.Reports;

namespace Sweep.Client.Output.Json;

/// <summary>
/// Every JSON document `sweep` writes, serialized by System.Text.Json from source-generated
/// metadata: keys are the properties in snake_case (a few keep the paper's capitals: N, Ns, A),
/// in declaration order, and every non-finite number is null.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    Converters = [typeof(FiniteOrNullConverter)])]
[JsonSerializable(typeof(PointDocument))]
[JsonSerializable(typeof(PointResultDocument))]
[JsonSerializable(typeof(CampaignStatusDocument[]))]
[JsonSerializable(typeof(CampaignStatusDocument))]
[JsonSerializable(typeof(ScalingTableDocument))]
[JsonSerializable(typeof(FigureDocument))]
internal sealed partial class SweepJsonContext : JsonSerializerContext
{
}
