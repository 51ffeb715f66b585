using Orleans.Serialization.Cloning;
using Sweep.Physics.Scaling;

namespace Sweep.Grains.Interfaces.Vocabulary;

/// <summary>An <see cref="Observable"/> on the wire and in stores: its name, "mag" or "pur".</summary>
[RegisterSerializer]
public sealed class ObservableCodec : NamedValueCodec<Observable>
{
    protected override string Format(Observable value) => value.Name();

    protected override Observable Parse(string name)
        => ObservableNames.Parse(name) ?? throw new FormatException($"unknown observable '{name}' (known: {string.Join(", ", ObservableNames.Known)})");
}

/// <summary>Observables are immutable values: a copy is the value itself.</summary>
[RegisterCopier]
public sealed class ObservableCopier : ShallowCopier<Observable>;
