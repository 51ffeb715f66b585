using Sweep.Physics.Analytic;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Kernel;

/// <summary>
/// Pins the bits of the cell kernel (accelerated-v2) above its threshold: stored campaigns resume
/// with batches computed by any earlier build of version 2, so a faster gathering, a new layout or
/// a new vector path must reproduce these results exactly. The expected hashes were computed by
/// the first cell kernel (main at 8d1080b, before the gathering was sped up).
/// </summary>
public class CellKernelPinnedBitsTests
{
    private static readonly KernelPath[] AvailablePaths = Enum.GetValues<KernelPath>().Where(SpinProductKernel.IsSupported).ToArray();

    // Reduced t grids (12 points over the full range) keep the scalar path affordable.
    [Theory]
    [InlineData(3, 6.0, 1e-4, 9000, 0x17D4162DA387B06AUL)]
    [InlineData(3, 6.0, 1e-4, 30000, 0x0D0A230ABD5EAC95UL)]
    [InlineData(3, 5.5, 1e-3, 8500, 0x7AB83FEE046983D4UL)]
    [InlineData(3, 10.0, 1e-3, 12000, 0x2C1EA6A9F136F4E5UL)]
    [InlineData(2, 4.0, 1e-3, 10000, 0x84533A8069057795UL)]
    [InlineData(1, 6.0, 1e-4, 9000, 0x4498E52F7761B0AFUL)]
    public void ReproducesTheFirstCellKernelsBitsOnEveryPath(int d, double alpha, double x, int n, ulong expected)
    {
        Assert.True(n >= CellSpinProductKernel.MinSpins, "the case must lie above the cell kernel's threshold");
        var point = new GridPoint(d, alpha, x, n);
        double[] positions = Realization.Positions(point, 17, 2);
        double[] tau = TimeGrid.ToTau(TimeGrid.Create(d, alpha, 12), ThermodynamicLimit.JnnInf(d, alpha, n));
        int[] spins = Enumerable.Range(0, n).Where(i => i % 499 == 0).ToArray();
        foreach (var path in AvailablePaths)
        {
            var mag = new double[tau.Length];
            var pur = new double[tau.Length];
            var curves = new double[spins.Length * tau.Length];
            CellSpinProductKernel.Evaluate(positions, d, alpha, tau, mag, pur, spins, curves, 1e-10, path);
            ulong hash = Hash(Hash(Hash(14695981039346656037UL, mag), pur), curves);
            Assert.True(hash == expected, $"{path}: hash 0x{hash:X16}, expected 0x{expected:X16} (mag[^1] = {mag[^1]:R})");
        }
    }

    // FNV-1a over the IEEE bits, 8 bytes per value.
    private static ulong Hash(ulong hash, double[] values)
    {
        foreach (double v in values)
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(v);
            for (int b = 0; b < 8; b++)
            {
                hash = (hash ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL;
            }
        }

        return hash;
    }
}
