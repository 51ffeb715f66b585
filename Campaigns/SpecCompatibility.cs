using System.Globalization;
using Sweep.Physics.Time;
using Sweep.Physics.Kernel;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>
/// Decides whether a requested spec may extend a stored campaign. Extending must never change
/// a stored result: it may add points and raise Ns, nothing that alters how a realization or
/// a fit is computed. Points missing from the request are fine: their results stay stored.
/// </summary>
public static class SpecCompatibility
{
    /// <summary>Null if <paramref name="requested"/> may extend <paramref name="stored"/>, else every reason it may not, one per line.</summary>
    public static string? Check(CampaignSpec stored, CampaignSpec requested)
    {
        IReadOnlyList<string> problems = Problems(stored, requested);
        return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems);
    }

    /// <summary>Every reason <paramref name="requested"/> may not extend <paramref name="stored"/>.</summary>
    public static IReadOnlyList<string> Problems(CampaignSpec stored, CampaignSpec requested)
    {
        if (stored.Name != requested.Name)
        {
            return [$"name differs: the stored campaign is '{stored.Name}', the requested spec is '{requested.Name}'; a spec can only extend the campaign of the same name"];
        }

        var problems = new List<string>();
        void Setting<T>(string key, T storedValue, T requestedValue, Func<T, string> show)
        {
            if (!EqualityComparer<T>.Default.Equals(storedValue, requestedValue))
            {
                problems.Add(
                    $"{key} differs from the stored campaign '{stored.Name}' (stored {show(storedValue)}, requested {show(requestedValue)}): " +
                    "it would change stored results; use a new campaign name");
            }
        }

        Setting(CampaignSpecParser.SeedKey, stored.Seed, requested.Seed, Text);
        Setting(CampaignSpecParser.TimePointsKey, stored.TimePoints, requested.TimePoints, Text);
        Setting(CampaignSpecParser.TimeUnitKey, stored.TimeUnit, requested.TimeUnit, TimeUnitNames.Name);
        Setting(CampaignSpecParser.FitWindowKey, (stored.FitUpper, stored.FitLower), (requested.FitUpper, requested.FitLower), Window);
        Setting(CampaignSpecParser.KernelKey, stored.Kernel, requested.Kernel, KernelJson.Describe);
        if (stored.Kernel.Kind == SpinKernelKind.Accelerated && requested.Kernel.Kind == SpinKernelKind.Accelerated && stored.Kernel.Version != requested.Kernel.Version)
        {
            problems.Add(
                $"campaign '{stored.Name}' was computed with version {stored.Kernel.Version} of the accelerated kernel and the request names version {requested.Kernel.Version}; " +
                $"the two are never mixed in one campaign: to extend it, give \"kernel\": {KernelJson.Describe(stored.Kernel)} in the spec");
        }
        Setting(CampaignSpecParser.BatchSizeKey, stored.BatchSize, requested.BatchSize, Text);

        var requestedPoints = CampaignGrid.Expand(requested).ToDictionary(p => p.Point);
        foreach (CampaignPoint point in CampaignGrid.Expand(stored))
        {
            if (!requestedPoints.TryGetValue(point.Point, out CampaignPoint asked))
            {
                continue;
            }

            if (point.Target is not null || asked.Target is not null)
            {
                problems.AddRange(TargetProblems(stored.Name, point, asked));
                continue;
            }

            int ns = asked.Ns;
            if (ns < point.Ns)
            {
                problems.Add(
                    $"Ns of point {point.Point} would go down from {point.Ns} to {ns} in campaign '{stored.Name}': " +
                    $"stored realizations cannot be dropped; ask for at least {point.Ns} or use a new campaign name");
            }
        }

        return problems;
    }

    /// <summary>
    /// A target may be tightened (lower betaError, more observables, higher minNs or maxNs): the
    /// point goes on from its stored checkpoints. Loosening it could stop a point before its stored
    /// Ns, and a new step moves every checkpoint, so both are refused, naming the field.
    /// </summary>
    private static IEnumerable<string> TargetProblems(string campaign, CampaignPoint stored, CampaignPoint requested)
    {
        const string Advice = "it would lower a stored Ns; tighten the target or use a new campaign name";
        if (stored.Target is not { } s || requested.Target is not { } r)
        {
            string was = stored.Target is null ? $"a fixed Ns = {stored.Ns}" : "a precision target";
            string now = requested.Target is null ? $"a fixed Ns = {requested.Ns}" : "a precision target";
            yield return $"point {stored.Point} of campaign '{campaign}' was computed with {was} and the request gives {now}: " +
                "a point keeps how its Ns is chosen; use a new campaign name";
            yield break;
        }

        string at = $"target of point {stored.Point} in campaign '{campaign}'";
        if (r.Step != s.Step)
        {
            yield return $"{TargetParser.StepKey} of the {at} differs (stored {s.Step}, requested {r.Step}): it moves every checkpoint; use a new campaign name";
        }

        if (r.BetaError > s.BetaError)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{TargetParser.BetaErrorKey} of the {at} would be loosened from {s.BetaError:R} to {r.BetaError:R}: {Advice}");
        }

        Observable[] dropped = [.. s.Observables.Except(r.Observables)];
        if (dropped.Length > 0)
        {
            yield return $"{TargetParser.ObservablesKey} of the {at} would drop {string.Join(", ", dropped.Select(o => o.Name()))}: {Advice}";
        }

        if (r.MinNs < s.MinNs)
        {
            yield return $"{TargetParser.MinNsKey} of the {at} would go down from {s.MinNs} to {r.MinNs}: {Advice}";
        }

        if (r.MaxNs < s.MaxNs)
        {
            yield return $"{TargetParser.MaxNsKey} of the {at} would go down from {s.MaxNs} to {r.MaxNs}: {Advice}";
        }
    }

    private static string Text<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Window((double Upper, double Lower) window) =>
        string.Create(CultureInfo.InvariantCulture, $"[{window.Upper:R}, {window.Lower:R}]");
}
