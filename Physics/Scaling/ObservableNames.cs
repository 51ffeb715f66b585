namespace Sweep.Physics.Scaling;

/// <summary>
/// The one spelling of each <see cref="Observable"/>: in spec files, tables, exports, reports and
/// on the wire. <see cref="All"/> is the canonical order (mag before pur).
/// </summary>
public static class ObservableNames
{
    public const string Mag = "mag";
    public const string Pur = "pur";

    public static IReadOnlyList<Observable> All { get; } = [Observable.Mag, Observable.Pur];

    public static IEnumerable<string> Known => All.Select(Name);

    public static string Name(this Observable observable) => observable switch
    {
        Observable.Mag => Mag,
        Observable.Pur => Pur,
        _ => throw new ArgumentOutOfRangeException(nameof(observable), observable, "unknown observable"),
    };

    public static Observable? Parse(string name) => name switch
    {
        Mag => Observable.Mag,
        Pur => Observable.Pur,
        _ => null,
    };

    /// <summary>The observables in either list, in canonical order.</summary>
    public static Observable[] Union(IEnumerable<Observable> a, IEnumerable<Observable> b)
        => [.. All.Where(o => a.Contains(o) || b.Contains(o))];
}
