using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Points;

/// <summary>
/// Pins the bits of the coupling matrix and of a batch's exact sums for the small systems of
/// fig2bc.json: stored campaigns resume with batches computed by earlier builds, so a faster
/// coupling build or accumulator add must reproduce these exactly. The expected hashes were
/// computed by main at a33cb0a (scalar couplings, scalar fixed-point add); the four batches of
/// 64 spins or more (the accelerated kernel's series) by main at 8cea3d8 (near cosines scalar,
/// one per spin and tau).
/// </summary>
public class RealizationPinnedBitsTests
{
    private static readonly KernelPath[] AvailablePaths = Enum.GetValues<KernelPath>().Where(SpinProductKernel.IsSupported).ToArray();

    [Theory]
    [InlineData(1, 1.0, 1e-4, 2, 0xF76259A111862C14UL)]
    [InlineData(1, 10.0, 1e-4, 9, 0x017BB0000E6F9E75UL)]
    [InlineData(1, 6.0, 0.01, 17, 0xAF81960E028726A4UL)]
    [InlineData(1, 3.0, 1e-3, 100, 0xF13A44A6F945BF8FUL)]
    [InlineData(2, 2.0, 1e-4, 50, 0x8FF19EE5E593DA30UL)]
    [InlineData(2, 7.0, 0.003, 33, 0x0AB69168F24406B8UL)]
    [InlineData(3, 6.0, 1e-4, 300, 0x0BAF686728FDA107UL)]
    [InlineData(3, 4.5, 0.01, 41, 0x6C3F37B77988A8D9UL)]
    [InlineData(3, 10.0, 0.01, 1300, 0x3D332CF7AF3DDF73UL)]
    public void CouplingMatrixKeepsItsBits(int d, double alpha, double x, int n, ulong expected)
    {
        var point = new GridPoint(d, alpha, x, n);
        double[] positions = Realization.Positions(point, 5, 3);
        var fresh = CouplingMatrix.FromPositions(positions, d, alpha);
        // A reused array full of old values must give the same bits (its padding is cleared).
        var storage = new double[CouplingMatrix.PackedLength(n)];
        storage.AsSpan().Fill(123.0);
        var reused = CouplingMatrix.FromPositions(positions, d, alpha, storage);
        ulong hash = Hash(Hash(14695981039346656037UL, fresh.PackedTwoJ), fresh.NearestNeighbourCouplings);
        ulong hashReused = Hash(Hash(14695981039346656037UL, reused.PackedTwoJ), reused.NearestNeighbourCouplings);
        Assert.True(hash == expected, $"hash 0x{hash:X16}, expected 0x{expected:X16}");
        Assert.Equal(hash, hashReused);
    }

    [Theory]
    [InlineData(1, 1.0, 1e-4, 2, 0xA375B2753ADEBAE7UL)]
    [InlineData(1, 10.0, 1e-4, 5, 0x3643AFB4F82D32D8UL)]
    [InlineData(1, 6.0, 0.01, 10, 0x0923D835964FA8CBUL)]
    [InlineData(1, 8.0, 0.003, 40, 0x4DE3CD66EB4235D7UL)]
    [InlineData(3, 6.0, 0.01, 16, 0x1CAFCAA4A9042C43UL)]
    [InlineData(1, 10.0, 1e-4, 100, 0xB0EFBDA0C75DB9A5UL)]
    [InlineData(1, 3.0, 0.01, 64, 0xF1BC905BDC33F72BUL)]
    [InlineData(2, 6.0, 1e-3, 200, 0x7F704B8018ACAE24UL)]
    [InlineData(3, 8.0, 1e-4, 300, 0x46A7036181089D87UL)]
    public void BatchSumsKeepTheirBitsOnEveryPath(int d, double alpha, double x, int n, ulong expected)
    {
        var point = new GridPoint(d, alpha, x, n);
        double[] t = TimeGrid.Create(d, alpha, 200);
        foreach (KernelPath path in AvailablePaths)
        {
            EnsembleSums sums = Realization.ComputeBatch(point, 7, 3, 37, t, TimeUnit.Common, SpinKernelChoice.Accelerated(1e-10, 1), path).Export();
            ulong hash = 14695981039346656037UL;
            foreach (Int128[] values in new[] { sums.Mag, sums.Pur, sums.MagSquares, sums.PurSquares })
            {
                foreach (Int128 v in values)
                {
                    hash = Hash(hash, (ulong)(v >> 64));
                    hash = Hash(hash, (ulong)v);
                }
            }

            foreach (long c in sums.BlockCounts)
            {
                hash = Hash(hash, (ulong)c);
            }

            foreach (byte b in sums.JnnSum.Concat(sums.JnnSquareSum))
            {
                hash = Hash(hash, b);
            }

            Assert.True(hash == expected, $"{path}: hash 0x{hash:X16}, expected 0x{expected:X16}");
        }
    }

    private static ulong Hash(ulong hash, ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            hash = Hash(hash, BitConverter.DoubleToUInt64Bits(v));
        }

        return hash;
    }

    // FNV-1a, 8 bytes per value.
    private static ulong Hash(ulong hash, ulong bits)
    {
        for (int b = 0; b < 8; b++)
        {
            hash = (hash ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL;
        }

        return hash;
    }
}
