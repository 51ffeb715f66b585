namespace Sweep.Campaigns;

/// <summary>The spelling of each observable in spec files, in canonical order.</summary>
public static class ObservableNames
{
    private static readonly (Observables Flag, string Name)[] All = [(Observables.Mag, "mag"), (Observables.Pur, "pur")];

    public static IEnumerable<string> Known => All.Select(o => o.Name);

    public static Observables? Parse(string name)
    {
        foreach ((Observables flag, string known) in All)
        {
            if (known == name)
            {
                return flag;
            }
        }

        return null;
    }

    /// <summary>The names of the set flags, always in the same order so written specs are canonical.</summary>
    public static IEnumerable<string> Format(Observables observables) =>
        All.Where(o => observables.HasFlag(o.Flag)).Select(o => o.Name);
}
