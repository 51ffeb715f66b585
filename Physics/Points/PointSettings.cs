using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Time;

namespace Sweep.Physics.Points;

/// <summary>
/// Everything besides (d, alpha, x, N) and Ns that decides a grid point's bits: the master seed,
/// the number of time points, the time-unit convention, the fit window and the kernel.
/// </summary>
public sealed record PointSettings(ulong Seed, int TimePoints, TimeUnit TimeUnit, FitWindow Window, SpinKernelChoice Kernel)
{
    /// <summary>The t grid of a point (depends on d and alpha only).</summary>
    public double[] TimeGrid(GridPoint point) => Time.TimeGrid.Create(point.D, point.Alpha, TimePoints);
}
