using Orleans.Serialization.Cloning;
using Sweep.Physics.Kernel;

namespace Sweep.Grains.Interfaces.Vocabulary;

/// <summary>
/// A <see cref="SpinKernelChoice"/> on the wire and in stores: its canonical code ("exact",
/// "accelerated:1E-10", "accelerated-v2:1E-10"), so two settings with the same kernel compare
/// equal and a kernel never travels under two spellings.
/// </summary>
[RegisterSerializer]
public sealed class KernelCodec : NamedValueCodec<SpinKernelChoice>
{
    protected override string Format(SpinKernelChoice value) => value.Code;

    protected override SpinKernelChoice Parse(string name)
    {
        try
        {
            return SpinKernelChoice.ParseCode(name);
        }
        catch (FormatException e)
        {
            throw new NotSupportedException($"kernel '{name}' is not available in this version: {e.Message}", e);
        }
    }
}

/// <summary>Kernel choices are immutable: a copy is the value itself.</summary>
[RegisterCopier]
public sealed class KernelCopier : ShallowCopier<SpinKernelChoice>;
