using Orleans.Serialization.Cloning;
using Sweep.Physics.Time;

namespace Sweep.Grains.Interfaces.Vocabulary;

/// <summary>A <see cref="TimeUnit"/> on the wire and in stores: its name, "common" or "per-realization".</summary>
[RegisterSerializer]
public sealed class TimeUnitCodec : NamedValueCodec<TimeUnit>
{
    protected override string Format(TimeUnit value) => value.Name();

    protected override TimeUnit Parse(string name)
        => TimeUnitNames.Parse(name) ?? throw new FormatException($"unknown time unit '{name}' (known: {string.Join(", ", TimeUnitNames.Known)})");
}

/// <summary>Time units are immutable values: a copy is the value itself.</summary>
[RegisterCopier]
public sealed class TimeUnitCopier : ShallowCopier<TimeUnit>;
