using Sweep.Physics.Kernel;

namespace Sweep.Campaigns;

/// <summary>
/// Which kernel computes the realizations. Each kernel is its own derived record carrying its
/// own settings (the accelerated kernel adds a tolerance), so record equality compares
/// the name and the settings together, which is what decides whether stored results still fit.
/// To add a kernel: derive a record here and teach <see cref="KernelJson"/> its name and fields.
/// </summary>
public abstract record KernelChoice
{
    // Only this assembly (and its tests) may add kernels: the parser and writer must know each one.
    internal KernelChoice()
    {
    }

    /// <summary>The kernel's name as written in spec files.</summary>
    public abstract string Name { get; }

    /// <summary>The kernel a spec without a "kernel" key gets: the latest accelerated kernel at its default tolerance.</summary>
    // Its 1e-10 bound is far below any realization average's statistical error; it is 8 to 10
    // times faster than the exact kernel in 2D and 3D, 1 to 3 times in 1D at N = 100
    // (docs/PERFORMANCE.md), and below 64 spins, where the series would be slower, it returns
    // the exact kernel's results. "exact" stays available by name. Version 2 adds the O(N)-memory
    // cell kernel from 8192 spins on and is version 1 below.
    public static KernelChoice Default => AcceleratedKernel.Latest;

    /// <summary>The physics library's form of this choice.</summary>
    public abstract SpinKernelChoice ToSpinKernel();
}
