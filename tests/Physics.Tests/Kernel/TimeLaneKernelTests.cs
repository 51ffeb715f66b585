using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

/// <summary>
/// The small-system kernel (lanes across times) must give the row kernel's bits on every path,
/// for every size it is used for: stored campaigns computed before it existed resume to the
/// same tables.
/// </summary>
public sealed class TimeLaneKernelTests
{
    private static readonly KernelPath[] AvailablePaths = Enum.GetValues<KernelPath>().Where(SpinProductKernel.IsSupported).ToArray();

    public static TheoryData<int, int, double> Systems()
    {
        var data = new TheoryData<int, int, double>();
        for (int n = 1; n <= TimeLaneKernel.MaxSpins; n++)
        {
            data.Add(n, 1 + (n % 3), n % 2 == 0 ? 6.0 : 1.5 + (n % 3));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Gives_the_row_kernels_bits_on_every_path(int n, int d, double alpha)
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom((ulong)(100 + n)).CubePositions(n, d), d, alpha);
        double[] tau = Taus(couplings);
        int[] spins = Enumerable.Range(0, n).Where(i => i % 2 == 0 || i == n - 1).ToArray();
        foreach (KernelPath path in AvailablePaths)
        {
            var rows = Run(couplings, tau, spins, path, SpinProductKernel.EvaluateRows);
            var lanes = Run(couplings, tau, spins, path, TimeLaneKernel.Evaluate);
            AssertBitwise(rows.Mag, lanes.Mag, $"mag {path} N={n}");
            AssertBitwise(rows.Pur, lanes.Pur, $"pur {path} N={n}");
            AssertBitwise(rows.Curves, lanes.Curves, $"P_i {path} N={n}");
        }
    }

    /// <summary>
    /// The 4- and 8-lane code against the scalar row kernel on any machine (Vector512 runs in
    /// software without AVX-512), on grids shorter than a vector, shorter than a pass of two
    /// vectors, and no multiple of either.
    /// </summary>
    [Theory]
    [MemberData(nameof(Systems))]
    public void Lane_code_gives_the_scalar_bits_on_any_grid_length(int n, int d, double alpha)
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom((ulong)(300 + n)).CubePositions(n, d), d, alpha);
        double[] all = Taus(couplings);
        int[] spins = Enumerable.Range(0, n).Where(i => i % 3 == 1 || i == 0).ToArray();
        foreach (int length in (int[])[1, 3, 4, 5, 8, 11, 16, 19, all.Length])
        {
            double[] tau = all[..Math.Min(length, all.Length)];
            var expected = Run(couplings, tau, spins, KernelPath.Scalar, SpinProductKernel.EvaluateRows);
            foreach (KernelPath path in (KernelPath[])[KernelPath.Avx2, KernelPath.Avx512])
            {
                var lanes = Run(couplings, tau, spins, path, TimeLaneKernel.Evaluate);
                AssertBitwise(expected.Mag, lanes.Mag, $"mag {path} N={n} T={tau.Length}");
                AssertBitwise(expected.Pur, lanes.Pur, $"pur {path} N={n} T={tau.Length}");
                AssertBitwise(expected.Curves, lanes.Curves, $"P_i {path} N={n} T={tau.Length}");
            }
        }
    }

    private delegate void Kernel(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path);

    // A grid length that is no multiple of any vector width (the last lanes are past its end),
    // from tiny arguments to ones that need exact large-argument reduction, with tau = 0, a
    // negative tau, and times where single factors come close to zero.
    private static double[] Taus(CouplingMatrix couplings)
    {
        double max = 0;
        foreach (double v in couplings.PackedTwoJ)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        if (max == 0)
        {
            max = 1;
        }

        var tau = new List<double> { 0.0, -0.7 / max };
        for (int e = -4; e <= 14; e++)
        {
            tau.Add(Math.Pow(10, e) / max);
        }

        foreach (double v in couplings.PackedTwoJ.ToArray().Where(v => v != 0).Take(5))
        {
            tau.Add(Math.PI / 2 / v);
            tau.Add(3 * Math.PI / 2 / v);
        }

        tau.AddRange([1e12 / max, 1e38 / max, 1e300 / max, 1.5e5, 3e9, 0.123]);
        double[] finite = tau.Where(double.IsFinite).ToArray();
        return finite.Length % 8 == 0 ? [.. finite, 0.5 / max] : finite;
    }

    private static (double[] Mag, double[] Pur, double[] Curves) Run(CouplingMatrix couplings, double[] tau, int[] spins, KernelPath path, Kernel kernel)
    {
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        var curves = new double[spins.Length * tau.Length];
        kernel(couplings, tau, mag, pur, spins, curves, path);
        return (mag, pur, curves);
    }

    private static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToUInt64Bits(expected[i]) == BitConverter.DoubleToUInt64Bits(actual[i]), $"{what}[{i}]: {expected[i]:R} vs {actual[i]:R}");
        }
    }
}
