namespace Sweep.Physics.Kernel;

/// <summary>The spin-product kernels a computation can be set to use.</summary>
public enum SpinKernelKind
{
    /// <summary><see cref="SpinProductKernel"/>: every pair's cosine.</summary>
    Exact,

    /// <summary><see cref="AcceleratedSpinProductKernel"/>: near pairs exactly, far pairs by a series, within a tolerance.</summary>
    Accelerated,
}
