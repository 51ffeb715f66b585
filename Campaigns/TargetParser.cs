using System.Text.Json;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>Reads and validates a block's "target" object (see <see cref="SpecTarget"/>).</summary>
internal static class TargetParser
{
    public const string BetaErrorKey = "betaError";
    public const string ObservablesKey = "observables";
    public const string MinNsKey = "minNs";
    public const string MaxNsKey = "maxNs";
    public const string StepKey = "step";

    private static readonly string[] Keys = [BetaErrorKey, ObservablesKey, MinNsKey, MaxNsKey, StepKey];
    private static readonly string[] Required = [BetaErrorKey, MaxNsKey, StepKey];

    /// <param name="blockObservables">The block's observables: the default of the target's.</param>
    public static SpecTarget? Read(JsonElement element, string path, ValueList<Observable>? blockObservables, SpecErrors errors)
    {
        var fields = ObjectShape.Read(element, path, Keys, Required, _ => null, errors);
        if (fields is null)
        {
            return null;
        }

        int before = errors.Count;
        double? betaError = null;
        if (fields.TryGetValue(BetaErrorKey, out JsonElement e))
        {
            string p = SpecErrors.Child(path, BetaErrorKey);
            betaError = JsonFields.ReadFiniteDouble(e, p, errors);
            if (betaError is <= 0)
            {
                errors.Add(p, $"must be positive (got {betaError.Value:R}): it is the largest jackknife error of beta to accept");
                betaError = null;
            }
        }

        ValueList<Observable>? observables = fields.TryGetValue(ObservablesKey, out e)
            ? BlockParser.ReadObservables(e, SpecErrors.Child(path, ObservablesKey), errors)
            : blockObservables;
        int? step = ReadCount(fields, StepKey, path, 1, errors);
        int? maxNs = ReadCount(fields, MaxNsKey, path, SpecTarget.SmallestMinNs, errors);
        int? minNs = fields.ContainsKey(MinNsKey) ? ReadCount(fields, MinNsKey, path, SpecTarget.SmallestMinNs, errors) : step;

        if (step is not null)
        {
            if (minNs is not null && minNs % step != 0)
            {
                errors.Add(SpecErrors.Child(path, MinNsKey), $"must be a multiple of step {step} (got {minNs}): decisions are taken only at checkpoints");
                minNs = null;
            }
            else if (minNs is not null && minNs < SpecTarget.SmallestMinNs)
            {
                errors.Add(SpecErrors.Child(path, MinNsKey), $"must be at least {SpecTarget.SmallestMinNs}, one realization per jackknife block (got {minNs}; it defaults to step)");
                minNs = null;
            }

            if (maxNs is not null && maxNs % step != 0)
            {
                errors.Add(SpecErrors.Child(path, MaxNsKey), $"must be a multiple of step {step} (got {maxNs}): decisions are taken only at checkpoints");
                maxNs = null;
            }
        }

        if (minNs is not null && maxNs is not null && maxNs < minNs)
        {
            errors.Add(SpecErrors.Child(path, MaxNsKey), $"must be at least minNs {minNs} (got {maxNs})");
        }

        if (errors.Count > before || betaError is null || observables is null || step is null || minNs is null || maxNs is null)
        {
            return null;
        }

        return new SpecTarget(betaError.Value, observables, minNs.Value, maxNs.Value, step.Value);
    }

    private static int? ReadCount(Dictionary<string, JsonElement> fields, string key, string path, int min, SpecErrors errors)
        => fields.TryGetValue(key, out JsonElement e)
            ? JsonFields.ReadInt(e, SpecErrors.Child(path, key), min, SpecBlock.MaxNs, "the exact accumulators' capacity (2^22)", errors)
            : null;
}
