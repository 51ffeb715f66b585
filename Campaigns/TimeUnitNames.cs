using Sweep.Physics.Time;

namespace Sweep.Campaigns;

/// <summary>The spelling of each <see cref="TimeUnit"/> in spec files.</summary>
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

    public static string Format(TimeUnit unit) => unit switch
    {
        TimeUnit.Common => Common,
        TimeUnit.PerRealization => PerRealization,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown time unit"),
    };
}
