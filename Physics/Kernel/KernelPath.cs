namespace Sweep.Physics.Kernel;

/// <summary>An instruction-set path of the spin-product kernel. All paths give the same bits.</summary>
public enum KernelPath
{
    /// <summary>Portable scalar code that emulates the vector lanes.</summary>
    Scalar,

    /// <summary>256-bit AVX2 + FMA.</summary>
    Avx2,

    /// <summary>512-bit AVX-512F.</summary>
    Avx512,
}
