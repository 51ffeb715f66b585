using System.Globalization;
using Sweep.Physics.Time;
using Sweep.Physics.Kernel;

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

        var requestedNs = CampaignGrid.Expand(requested).ToDictionary(p => p.Point, p => p.Ns);
        foreach (CampaignPoint point in CampaignGrid.Expand(stored))
        {
            if (requestedNs.TryGetValue(point.Point, out int ns) && ns < point.Ns)
            {
                problems.Add(
                    $"Ns of point {point.Point} would go down from {point.Ns} to {ns} in campaign '{stored.Name}': " +
                    $"stored realizations cannot be dropped; ask for at least {point.Ns} or use a new campaign name");
            }
        }

        return problems;
    }

    private static string Text<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Window((double Upper, double Lower) window) =>
        string.Create(CultureInfo.InvariantCulture, $"[{window.Upper:R}, {window.Lower:R}]");
}
