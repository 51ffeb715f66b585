using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

/// <summary>
/// The set-up's row pass on every path (AVX-512 runs in software where the machine lacks it)
/// against a reference written out here from the class's definition: the same row sums, column
/// sums and near indices bit for bit, with every order (versions 1 to 4) and with order limits
/// (version 5: a group of 16 elements adds the orders its largest far x needs).
/// </summary>
public class PowerSumRowKernelTests
{
    private const double FarLimit = AcceleratedSpinProductKernel.FarLimit;

    public static TheoryData<int, bool> Rows()
    {
        var data = new TheoryData<int, bool>();
        foreach (int length in new[] { 8, 16, 24, 40, 136 })
        {
            data.Add(length, false);
            data.Add(length, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EveryPathGivesTheReferenceBits(int paddedLength, bool limited)
    {
        const int Terms = 13;
        const double Tau = 3.0;
        const double Scale = 0.25;
        var random = new TestRandom((ulong)(paddedLength + (limited ? 1000 : 0)));
        // Couplings whose x = v tau spreads over many decades below x_max, a few near ones, and
        // the row's padding zeros in the last chunk.
        double[] row = new double[paddedLength];
        for (int m = 0; m < paddedLength - 3; m++)
        {
            row[m] = random.NextDouble() < 0.05 ? 1.0 : FarLimit / Tau * Math.Pow(10, -6 * random.NextDouble());
        }

        double[] limits = limited ? SeriesOrderLimits.For(1e-13 / 300, Terms - 1, FarLimit) : [];
        var reference = Reference(row, Tau, Scale, Terms, limits);
        foreach (KernelPath path in new[] { KernelPath.Scalar, KernelPath.Avx2, KernelPath.Avx512 })
        {
            int stride = paddedLength + (2 * CouplingMatrix.RowPadding);
            double[] columns = new double[Terms * stride];
            double[] rowSums = new double[Terms];
            int[] near = new int[paddedLength];
            int nearCount = PowerSumRowKernel.Run(path, ref row[0], paddedLength, Tau, FarLimit, Scale, ref columns[0], stride, rowSums, near, limits);

            Assert.Equal(reference.Near, near[..nearCount]);
            Assert.Equal(Bits(reference.RowSums), Bits(rowSums));
            for (int n = 0; n < Terms; n++)
            {
                Assert.Equal(Bits(reference.Columns[n]), Bits(columns.AsSpan(n * stride, paddedLength).ToArray()));
            }
        }
    }

    [Fact]
    public void LimitsAscendAndEachKeepsItsTailWithinTheShare()
    {
        const double Share = 1e-13 / 1299;
        double[] limits = SeriesOrderLimits.For(Share, 12, FarLimit);
        for (int m = 0; m < limits.Length; m++)
        {
            Assert.True(LogCosineSeries.RemainderBound(m, limits[m]) <= Share);
            Assert.True(limits[m] == FarLimit || LogCosineSeries.RemainderBound(m, Math.BitIncrement(limits[m])) > Share, $"limit {m} is not the largest");
            Assert.True(m == 0 || limits[m] >= limits[m - 1]);
        }

        // Orders 1 .. m of log cos x: the first term alone is -x^2 / 2, so x^2 / 2 must fit the share.
        Assert.InRange(limits[0], Math.Sqrt(Share) * 0.9, Math.Sqrt(2 * Share));
    }

    private static (double[] RowSums, double[][] Columns, int[] Near) Reference(double[] row, double tau, double scale, int terms, double[] limits)
    {
        var lanes = new double[terms, 8];
        var columns = new double[terms][];
        for (int n = 0; n < terms; n++)
        {
            columns[n] = new double[row.Length];
        }

        var near = new List<int>();
        for (int group = 0; group < row.Length; group += 16)
        {
            int end = Math.Min(group + 16, row.Length);
            double largest = 0;
            for (int m = group; m < end; m++)
            {
                double x = row[m] * tau;
                if (x <= FarLimit)
                {
                    largest = Math.Max(largest, x);
                }
            }

            int orders = terms;
            for (int m = 0; m < limits.Length; m++)
            {
                if (largest <= limits[m])
                {
                    orders = m;
                    break;
                }
            }

            for (int m = group; m < end; m++)
            {
                bool far = row[m] * tau <= FarLimit;
                if (!far)
                {
                    near.Add(m);
                }

                double w = far ? row[m] * scale : 0.0;
                double w2 = Flush(w * w);
                double p = w2;
                for (int n = 0; n < orders; n++)
                {
                    lanes[n, m % 8] += p;
                    columns[n][m] += p;
                    p = Flush(p * w2);
                }
            }
        }

        var rowSums = new double[terms];
        for (int n = 0; n < terms; n++)
        {
            double m0 = lanes[n, 0] + lanes[n, 4];
            double m1 = lanes[n, 1] + lanes[n, 5];
            double m2 = lanes[n, 2] + lanes[n, 6];
            double m3 = lanes[n, 3] + lanes[n, 7];
            rowSums[n] = (m0 + m2) + (m1 + m3);
        }

        return (rowSums, columns, near.ToArray());
    }

    private static double Flush(double x) => Math.Abs(x) >= UnderflowFlush.Threshold ? x : 0.0;

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
