namespace Sweep.Campaigns;

/// <summary>
/// Which kernel computes the realizations. Each kernel is its own derived record carrying its
/// own settings (a future accelerated kernel adds a tolerance), so record equality compares
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

    /// <summary>The default kernel.</summary>
    public static KernelChoice Default => ExactKernel.Instance;
}
