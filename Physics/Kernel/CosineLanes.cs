using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The constants of <see cref="PeriodicCosine"/>'s lane paths (<typeparamref name="TVector"/> is
/// Vector256 or Vector512 of double), as a kernel supplies them: the Embedded structs as the JIT's
/// own constants (every kernel but <see cref="TimeLaneKernel"/>), <see cref="StoredCosineLanes{TVector}"/>
/// read from memory the kernel chose.
/// </summary>
internal interface ICosineLanes<TVector>
    where TVector : struct
{
    TVector RoundingMagic { get; }

    TVector InvPi { get; }

    TVector Pi1 { get; }

    TVector Pi2 { get; }

    TVector Pi3 { get; }

    TVector One { get; }

    TVector G0 { get; }

    TVector G1 { get; }

    TVector G2 { get; }

    TVector G3 { get; }

    TVector G4 { get; }

    TVector G5 { get; }

    TVector G6 { get; }

    TVector G7 { get; }
}

/// <summary>The 8-lane constants as the JIT's own: folded into the instructions or loaded from the code's data.</summary>
internal readonly struct EmbeddedCosineLanes512 : ICosineLanes<Vector512<double>>
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

/// <summary>The 4-lane constants as the JIT's own.</summary>
internal readonly struct EmbeddedCosineLanes256 : ICosineLanes<Vector256<double>>
{
    public Vector256<double> RoundingMagic => Vector256.Create(PeriodicCosine.RoundingMagic);

    public Vector256<double> InvPi => Vector256.Create(PeriodicCosine.InvPi);

    public Vector256<double> Pi1 => Vector256.Create(PeriodicCosine.Pi1);

    public Vector256<double> Pi2 => Vector256.Create(PeriodicCosine.Pi2);

    public Vector256<double> Pi3 => Vector256.Create(PeriodicCosine.Pi3);

    public Vector256<double> One => Vector256<double>.One;

    public Vector256<double> G0 => Vector256.Create(PeriodicCosine.G0);

    public Vector256<double> G1 => Vector256.Create(PeriodicCosine.G1);

    public Vector256<double> G2 => Vector256.Create(PeriodicCosine.G2);

    public Vector256<double> G3 => Vector256.Create(PeriodicCosine.G3);

    public Vector256<double> G4 => Vector256.Create(PeriodicCosine.G4);

    public Vector256<double> G5 => Vector256.Create(PeriodicCosine.G5);

    public Vector256<double> G6 => Vector256.Create(PeriodicCosine.G6);

    public Vector256<double> G7 => Vector256.Create(PeriodicCosine.G7);
}

/// <summary>
/// The constants as values read from memory the caller filled with <see cref="Fill{TEmbedded}"/>:
/// <see cref="TimeLaneKernel"/> passes them through its stack block, so that the JIT holds them
/// as values (in registers, or spilled to the kernel's frame) and does not fold them back into
/// constants of its code's data, which the kernel's stores could stall (4K aliasing).
/// </summary>
internal readonly struct StoredCosineLanes<TVector> : ICosineLanes<TVector>
    where TVector : struct
{
    /// <summary>Vectors the constants take.</summary>
    public const int Count = 14;

    public StoredCosineLanes(ReadOnlySpan<TVector> stored)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stored.Length, Count);
        RoundingMagic = stored[0];
        InvPi = stored[1];
        Pi1 = stored[2];
        Pi2 = stored[3];
        Pi3 = stored[4];
        One = stored[5];
        G0 = stored[6];
        G1 = stored[7];
        G2 = stored[8];
        G3 = stored[9];
        G4 = stored[10];
        G5 = stored[11];
        G6 = stored[12];
        G7 = stored[13];
    }

    public TVector RoundingMagic { get; }

    public TVector InvPi { get; }

    public TVector Pi1 { get; }

    public TVector Pi2 { get; }

    public TVector Pi3 { get; }

    public TVector One { get; }

    public TVector G0 { get; }

    public TVector G1 { get; }

    public TVector G2 { get; }

    public TVector G3 { get; }

    public TVector G4 { get; }

    public TVector G5 { get; }

    public TVector G6 { get; }

    public TVector G7 { get; }

    /// <summary>Writes the constants of <typeparamref name="TEmbedded"/> to the first <see cref="Count"/> vectors of <paramref name="target"/>.</summary>
    public static void Fill<TEmbedded>(Span<TVector> target)
        where TEmbedded : struct, ICosineLanes<TVector>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target.Length, Count);
        var embedded = default(TEmbedded);
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
}
