using System.Text.Json;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>
/// Reads and validates one entry of "blocks". Per-point rules (d, alpha, x, N and jamming)
/// come from <see cref="GridPoint.Problem"/> so the spec and the physics can never disagree.
/// </summary>
internal static class BlockParser
{
    public const string DKey = "d";
    public const string AlphaKey = "alpha";
    public const string XKey = "x";
    public const string NKey = "N";
    public const string NsKey = "Ns";
    public const string ObservablesKey = "observables";
    public const string TargetKey = "target";

    public static IReadOnlyList<string> Keys { get; } = [DKey, AlphaKey, XKey, NKey, NsKey, ObservablesKey, TargetKey];

    // Ns or target, exactly one of them, is checked after the shape.
    private static readonly string[] RequiredKeys = [DKey, AlphaKey, XKey, NKey, ObservablesKey];

    // Values that pass every check on their own, used to probe one field at a time.
    private const double ProbeX = 1e-3;
    private const int ProbeN = 2;

    public static SpecBlock? Read(JsonElement element, string path, SpecErrors errors)
    {
        var fields = ObjectShape.Read(element, path, Keys, RequiredKeys, CampaignWideHint, errors);
        if (fields is null)
        {
            return null;
        }

        int before = errors.Count;
        int? d = Get(fields, DKey, path, (e, p) => ReadD(e, p, errors));
        List<double>? alpha = Get(fields, AlphaKey, path, (e, p) =>
            JsonFields.ReadNonEmptyList(e, p, errors, (item, ip) => JsonFields.ReadFiniteDouble(item, ip, errors)));
        List<double>? x = Get(fields, XKey, path, (e, p) =>
            JsonFields.ReadNonEmptyList(e, p, errors, (item, ip) => JsonFields.ReadFiniteDouble(item, ip, errors)));
        List<int>? n = Get(fields, NKey, path, (e, p) =>
            JsonFields.ReadNonEmptyList(e, p, errors, (item, ip) => JsonFields.ReadInt(item, ip, int.MinValue, int.MaxValue, null, errors)));
        int? ns = Get(fields, NsKey, path, (e, p) =>
            JsonFields.ReadInt(e, p, 1, SpecBlock.MaxNs, "the exact accumulators' capacity (2^22)", errors));
        ValueList<Observable>? observables = Get(fields, ObservablesKey, path, (e, p) => ReadObservables(e, p, errors));
        SpecTarget? target = Get(fields, TargetKey, path, (e, p) => TargetParser.Read(e, p, observables, errors));
        bool hasNs = fields.ContainsKey(NsKey);
        bool hasTarget = fields.ContainsKey(TargetKey);
        if (hasNs && hasTarget)
        {
            errors.Add(path, "give either Ns or target, not both: a precision target chooses Ns per point");
        }
        else if (!hasNs && !hasTarget)
        {
            errors.Add(SpecErrors.Child(path, NsKey), "is required (or give a precision target instead)");
        }

        if (d is not null)
        {
            CheckPoints(d.Value, alpha, x, n, path, errors);
        }

        if (errors.Count > before || d is null || alpha is null || x is null || n is null || (ns is null && target is null) || observables is null)
        {
            return null;
        }

        // A target block computes at most maxNs realizations per point: that is its Ns bound.
        return new SpecBlock(d.Value, new(alpha), new(x), new(n), ns ?? target!.MaxNs, observables) { Target = target };
    }

    private static string? CampaignWideHint(string key) =>
        CampaignSpecParser.TopLevelKeys.Contains(key)
            ? "campaign-wide settings cannot be overridden per block"
            : null;

    private static T? Get<T>(Dictionary<string, JsonElement> fields, string key, string path, Func<JsonElement, string, T?> read)
        => fields.TryGetValue(key, out JsonElement element) ? read(element, SpecErrors.Child(path, key)) : default;

    private static int? ReadD(JsonElement element, string path, SpecErrors errors)
    {
        int? d = JsonFields.ReadInt(element, path, int.MinValue, int.MaxValue, null, errors);
        if (d is null)
        {
            return null;
        }

        if (new GridPoint(d.Value, d.Value, ProbeX, ProbeN).Problem() is { Field: DKey } problem)
        {
            errors.Add(path, problem.Reason);
            return null;
        }

        return d;
    }

    /// <summary>
    /// Checks each value on its own first, so the message points at the offending list item;
    /// then every combination, in case a rule ever couples the fields (reported per point).
    /// </summary>
    private static void CheckPoints(int d, List<double>? alpha, List<double>? x, List<int>? n, string path, SpecErrors errors)
    {
        bool itemsOk = CheckItems(alpha, AlphaKey, v => new GridPoint(d, v, ProbeX, ProbeN), path, errors)
            & CheckItems(x, XKey, v => new GridPoint(d, d, v, ProbeN), path, errors)
            & CheckItems(n, NKey, v => new GridPoint(d, d, ProbeX, v), path, errors);
        if (!itemsOk || alpha is null || x is null || n is null)
        {
            return;
        }

        foreach (double a in alpha)
        {
            foreach (double xv in x)
            {
                foreach (int nv in n)
                {
                    var point = new GridPoint(d, a, xv, nv);
                    if (point.Problem() is { } problem)
                    {
                        errors.Add(path, $"point {point}: {problem.Field} {problem.Reason}");
                    }
                }
            }
        }
    }

    private static bool CheckItems<T>(List<T>? values, string key, Func<T, GridPoint> probe, string path, SpecErrors errors)
    {
        if (values is null)
        {
            return true;
        }

        bool ok = true;
        for (int i = 0; i < values.Count; i++)
        {
            if (probe(values[i]).Problem() is { } problem && problem.Field == key)
            {
                errors.Add(SpecErrors.Item(SpecErrors.Child(path, key), i), problem.Reason);
                ok = false;
            }
        }

        return ok;
    }

    public static ValueList<Observable>? ReadObservables(JsonElement element, string path, SpecErrors errors)
    {
        int before = errors.Count;
        var seen = new List<Observable>();
        var names = JsonFields.ReadNonEmptyList(element, path, errors, (item, itemPath) =>
        {
            string? name = JsonFields.ReadString(item, itemPath, errors);
            if (name is null)
            {
                return (Observable?)null;
            }

            Observable? observable = ObservableNames.Parse(name);
            if (observable is null)
            {
                errors.Add(itemPath, $"unknown observable '{name}' (known: {string.Join(", ", ObservableNames.Known)})");
                return null;
            }

            if (seen.Contains(observable.Value))
            {
                errors.Add(itemPath, $"duplicate observable '{name}'");
                return null;
            }

            seen.Add(observable.Value);
            return observable;
        });

        // Canonical order, whatever the spec's order, so equal sets compare equal.
        return names is null || errors.Count > before ? null : new ValueList<Observable>(ObservableNames.Union(seen, []));
    }
}
