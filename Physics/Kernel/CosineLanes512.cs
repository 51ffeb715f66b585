using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The constants of <see cref="PeriodicCosine"/>'s 8-lane path, as a kernel supplies them:
/// <see cref="EmbeddedCosineLanes512"/> as the JIT's own constants (every kernel but
/// <see cref="TimeLaneKernel"/>), <see cref="StoredCosineLanes512"/> read from memory the kernel chose.
/// </summary>
internal interface ICosineLanes512
{
    Vector512<double> RoundingMagic { get; }

    Vector512<double> InvPi { get; }

    Vector512<double> Pi1 { get; }

    Vector512<double> Pi2 { get; }

    Vector512<double> Pi3 { get; }

    Vector512<double> One { get; }

    Vector512<double> G0 { get; }

    Vector512<double> G1 { get; }

    Vector512<double> G2 { get; }

    Vector512<double> G3 { get; }

    Vector512<double> G4 { get; }

    Vector512<double> G5 { get; }

    Vector512<double> G6 { get; }

    Vector512<double> G7 { get; }
}

/// <summary>The constants as the JIT's own: folded into the instructions or loaded from the code's data.</summary>
internal readonly struct EmbeddedCosineLanes512 : ICosineLanes512
{
    public Vector512<double> RoundingMagic => Vector512.Create(PeriodicCosine.RoundingMagic);

    public Vector512<double> InvPi => Vector512.Create(PeriodicCosine.InvPi);

    public Vector512<double> Pi1 => Vector512.Create(PeriodicCosine.Pi1);

    public Vector512<double> Pi2 => Vector512.Create(PeriodicCosine.Pi2);

    public Vector512<double> Pi3 => Vector512.Create(PeriodicCosine.Pi3);

    public Vector512<double> One => Vector512<double>.One;

    public Vector512<double> G0 => Vector512.Create(PeriodicCosine.G0);

    public Vector512<double> G1 => Vector512.Create(PeriodicCosine.G1);

    public Vector512<double> G2 => Vector512.Create(PeriodicCosine.G2);

    public Vector512<double> G3 => Vector512.Create(PeriodicCosine.G3);

    public Vector512<double> G4 => Vector512.Create(PeriodicCosine.G4);

    public Vector512<double> G5 => Vector512.Create(PeriodicCosine.G5);

    public Vector512<double> G6 => Vector512.Create(PeriodicCosine.G6);

    public Vector512<double> G7 => Vector512.Create(PeriodicCosine.G7);
}

/// <summary>
/// The constants read from <see cref="Count"/> vectors the caller filled with <see cref="Fill"/>:
/// <see cref="TimeLaneKernel"/> passes them through its stack block into a
/// <see cref="CopiedCosineLanes512"/>, so that the JIT holds them as values and does not fold
/// them back into constants of its code's data.
/// </summary>
internal readonly ref struct StoredCosineLanes512 : ICosineLanes512
{
    /// <summary>Vectors the constants take.</summary>
    public const int Count = 14;

    private readonly ref readonly Vector512<double> _first;

    public StoredCosineLanes512(ReadOnlySpan<Vector512<double>> stored)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stored.Length, Count);
        _first = ref stored[0];
    }

    public Vector512<double> RoundingMagic => At(0);

    public Vector512<double> InvPi => At(1);

    public Vector512<double> Pi1 => At(2);

    public Vector512<double> Pi2 => At(3);

    public Vector512<double> Pi3 => At(4);

    public Vector512<double> One => At(5);

    public Vector512<double> G0 => At(6);

    public Vector512<double> G1 => At(7);

    public Vector512<double> G2 => At(8);

    public Vector512<double> G3 => At(9);

    public Vector512<double> G4 => At(10);

    public Vector512<double> G5 => At(11);

    public Vector512<double> G6 => At(12);

    public Vector512<double> G7 => At(13);

    /// <summary>Writes the constants to the first <see cref="Count"/> vectors of <paramref name="target"/>.</summary>
    public static void Fill(Span<Vector512<double>> target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target.Length, Count);
        var embedded = default(EmbeddedCosineLanes512);
        target[0] = embedded.RoundingMagic;
        target[1] = embedded.InvPi;
        target[2] = embedded.Pi1;
        target[3] = embedded.Pi2;
        target[4] = embedded.Pi3;
        target[5] = embedded.One;
        target[6] = embedded.G0;
        target[7] = embedded.G1;
        target[8] = embedded.G2;
        target[9] = embedded.G3;
        target[10] = embedded.G4;
        target[11] = embedded.G5;
        target[12] = embedded.G6;
        target[13] = embedded.G7;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<double> At(int index) => Unsafe.Add(ref Unsafe.AsRef(in _first), index);
}

/// <summary>
/// The constants copied out of a <see cref="StoredCosineLanes512"/> into a value the JIT can keep
/// in registers: a kernel's loop then loads neither the JIT's constants nor memory it stores to.
/// </summary>
internal readonly struct CopiedCosineLanes512 : ICosineLanes512
{
    public CopiedCosineLanes512(StoredCosineLanes512 stored)
    {
        RoundingMagic = stored.RoundingMagic;
        InvPi = stored.InvPi;
        Pi1 = stored.Pi1;
        Pi2 = stored.Pi2;
        Pi3 = stored.Pi3;
        One = stored.One;
        G0 = stored.G0;
        G1 = stored.G1;
        G2 = stored.G2;
        G3 = stored.G3;
        G4 = stored.G4;
        G5 = stored.G5;
        G6 = stored.G6;
        G7 = stored.G7;
    }

    public Vector512<double> RoundingMagic { get; }

    public Vector512<double> InvPi { get; }

    public Vector512<double> Pi1 { get; }

    public Vector512<double> Pi2 { get; }

    public Vector512<double> Pi3 { get; }

    public Vector512<double> One { get; }

    public Vector512<double> G0 { get; }

    public Vector512<double> G1 { get; }

    public Vector512<double> G2 { get; }

    public Vector512<double> G3 { get; }

    public Vector512<double> G4 { get; }

    public Vector512<double> G5 { get; }

    public Vector512<double> G6 { get; }

    public Vector512<double> G7 { get; }
}
