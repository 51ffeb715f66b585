namespace Sweep.Physics.Time;

/// <summary>
/// The one spelling of each <see cref="TimeUnit"/>: in spec files, on the command line
/// (`point --time-unit`), in outputs and on the wire.
/// </summary>
public static class TimeUnitNames
{
    public const string Common = "common";
    public const string PerRealization = "per-realization";

    public static IEnumerable<string> Known => [Common, PerRealization];

    public static TimeUnit? Parse(string name) => name switch
    {
        Common => TimeUnit.Common,
        PerRealization => TimeUnit.PerRealization,
        _ => null,
    };

    public static string Name(this TimeUnit unit) => unit switch
    {
        TimeUnit.Common => Common,
        TimeUnit.PerRealization => PerRealization,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown time unit"),
    };
}
