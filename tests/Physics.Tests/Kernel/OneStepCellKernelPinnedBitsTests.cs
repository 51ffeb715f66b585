using Sweep.Physics.Analytic;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Kernel;

/// <summary>
/// Pins the bits of the cell kernel's one-step version (accelerated-v3) above its threshold, as
/// <see cref="CellKernelPinnedBitsTests"/> does for version 2: campaigns resume with batches of
/// earlier builds, so a faster implementation must reproduce these results exactly on every path.
/// The expected hashes were computed by the first version-3 build (branch kernel3).
/// </summary>
public class OneStepCellKernelPinnedBitsTests
{
    private static readonly KernelPath[] AvailablePaths = Enum.GetValues<KernelPath>().Where(SpinProductKernel.IsSupported).ToArray();

    // The cases of version 2's test; reduced t grids (12 points over the full range).
    [Theory]
    [InlineData(3, 6.0, 1e-4, 9000, 0x4B4371D172F24A93UL)]
    [InlineData(3, 6.0, 1e-4, 30000, 0x3614C714090EDD05UL)]
    [InlineData(3, 5.5, 1e-3, 8500, 0x3D31C8D42CAE146CUL)]
    [InlineData(3, 10.0, 1e-3, 12000, 0xEF96C979F8F1EE06UL)]
    [InlineData(2, 4.0, 1e-3, 10000, 0xB6275F0B14B9F715UL)]
    [InlineData(1, 6.0, 1e-4, 9000, 0xA0DA91ABBF77C31FUL)]
    public void ReproducesTheFirstVersionThreeBitsOnEveryPath(int d, double alpha, double x, int n, ulong expected)
    {
        Assert.True(n >= CellSpinProductKernel.MinSpins, "the case must lie above the cell kernel's threshold");
        var point = new GridPoint(d, alpha, x, n);
        double[] positions = Realization.Positions(point, 17, 2);
        double[] tau = TimeGrid.ToTau(TimeGrid.Create(d, alpha, 12), ThermodynamicLimit.JnnInf(d, alpha, n));
        int[] spins = Enumerable.Range(0, n).Where(i => i % 499 == 0).ToArray();
        var hashes = new List<string>();
        foreach (var path in AvailablePaths)
        {
            var mag = new double[tau.Length];
            var pur = new double[tau.Length];
            var curves = new double[spins.Length * tau.Length];
            CellSpinProductKernel.Evaluate(positions, d, alpha, tau, mag, pur, spins, curves, 1e-10, path, CellSpinProductKernel.OneStepVersion);
            ulong hash = Hash(Hash(Hash(14695981039346656037UL, mag), pur), curves);
            hashes.Add($"{path}: 0x{hash:X16}");
            Assert.True(hash == expected, $"{string.Join(", ", hashes)}, expected 0x{expected:X16} (mag[^1] = {mag[^1]:R})");
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
