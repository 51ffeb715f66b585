using System.Numerics;

namespace Sweep.Physics.Ensemble;

/// <summary>
/// Exact, order-independent sums over realizations of one grid point: per time point the sums of
/// mag, mag^2, pur and pur^2, plus the median J_NN / J_NN,inf of each realization. Curve sums are
/// kept per jackknife block (realization r belongs to block r mod <see cref="Blocks"/>), so the
/// blocks stay fixed when Ns grows. Merging two accumulators adds integers: any batching, merge
/// order or retry gives the same bits.
/// </summary>
public sealed class EnsembleAccumulator
{
    /// <summary>Number of fixed jackknife blocks.</summary>
    public const int Blocks = 16;

    private readonly Int128[] _mag;    // [block * T + k]
    private readonly Int128[] _pur;    // [block * T + k]
    private readonly Int128[] _mag2;   // [k]
    private readonly Int128[] _pur2;   // [k]
    private readonly long[] _blockCount;
    private ExactDoubleSum _jnnSum = new();        // scaled by 2^1074, exact
    private ExactDoubleSum _jnnSquareSum = new();  // scaled by 2^1074, exact

    // Sums staged by Add in 64-bit lanes (null when nothing is staged), folded into the Int128
    // sums above before anything reads them and every FixedPointStaging.MaxAdds adds. Only an
    // accumulator that realizations are added to allocates them; merged ones never do.
    private FixedPointStaging? _magStaged;
    private FixedPointStaging? _purStaged;
    private FixedPointStaging? _mag2Staged;
    private FixedPointStaging? _pur2Staged;
    private int _stagedAdds;

    public EnsembleAccumulator(int timePoints)
    {
        if (timePoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(timePoints), timePoints, "at least one time point is needed");
        }

        TimePoints = timePoints;
        _mag = new Int128[Blocks * timePoints];
        _pur = new Int128[Blocks * timePoints];
        _mag2 = new Int128[timePoints];
        _pur2 = new Int128[timePoints];
        _blockCount = new long[Blocks];
    }

    /// <summary>Number of time points of every curve.</summary>
    public int TimePoints { get; }

    /// <summary>Number of realizations added.</summary>
    public long Count => _blockCount.Sum();

    /// <summary>Realizations in each jackknife block.</summary>
    public ReadOnlySpan<long> BlockCounts => _blockCount;

    /// <summary>The jackknife block of realization r.</summary>
    public static int BlockOf(long r) => (int)(r % Blocks);

    /// <summary>Adds realization r: its mag and pur curves and its median J_NN / J_NN,inf.</summary>
    public void Add(long r, ReadOnlySpan<double> mag, ReadOnlySpan<double> pur, double jnnRatio)
    {
        if (r < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(r), r, "realization indices start at 0");
        }

        if (mag.Length != TimePoints || pur.Length != TimePoints)
        {
            throw new ArgumentException($"curves must have {TimePoints} time points");
        }

        if (Count >= FixedPoint.MaxTerms)
        {
            throw new InvalidOperationException($"at most {FixedPoint.MaxTerms} realizations fit in one accumulator");
        }

        int block = BlockOf(r);
        int offset = block * TimePoints;
        if (FixedPointStaging.IsSupported)
        {
            if (_stagedAdds == FixedPointStaging.MaxAdds)
            {
                Fold();
            }

            _magStaged ??= new FixedPointStaging(_mag.Length);
            _purStaged ??= new FixedPointStaging(_pur.Length);
            _mag2Staged ??= new FixedPointStaging(TimePoints);
            _pur2Staged ??= new FixedPointStaging(TimePoints);
            _stagedAdds++;
            AddDirect(_mag, offset, mag, _magStaged.Add(mag, offset, square: false), square: false);
            AddDirect(_pur, offset, pur, _purStaged.Add(pur, offset, square: false), square: false);
            AddDirect(_mag2, 0, mag, _mag2Staged.Add(mag, 0, square: true), square: true);
            AddDirect(_pur2, 0, pur, _pur2Staged.Add(pur, 0, square: true), square: true);
        }
        else
        {
            for (int k = 0; k < TimePoints; k++)
            {
                _mag[offset + k] += FixedPoint.FromDouble(mag[k]);
                _pur[offset + k] += FixedPoint.FromDouble(pur[k]);
                _mag2[k] += FixedPoint.FromDouble(mag[k] * mag[k]);
                _pur2[k] += FixedPoint.FromDouble(pur[k] * pur[k]);
            }
        }

        _blockCount[block]++;
        _jnnSum.Add(jnnRatio);
        _jnnSquareSum.Add(jnnRatio * jnnRatio);
    }

    /// <summary>Adds every realization of another accumulator into this one.</summary>
    public void Merge(EnsembleAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TimePoints != TimePoints)
        {
            throw new ArgumentException($"cannot merge {other.TimePoints} time points into {TimePoints}", nameof(other));
        }

        Fold();
        other.Fold();

        if (Count + other.Count > FixedPoint.MaxTerms)
        {
            throw new InvalidOperationException($"at most {FixedPoint.MaxTerms} realizations fit in one accumulator");
        }

        for (int i = 0; i < _mag.Length; i++)
        {
            _mag[i] += other._mag[i];
            _pur[i] += other._pur[i];
        }

        for (int k = 0; k < TimePoints; k++)
        {
            _mag2[k] += other._mag2[k];
            _pur2[k] += other._pur2[k];
        }

        for (int b = 0; b < Blocks; b++)
        {
            _blockCount[b] += other._blockCount[b];
        }

        _jnnSum.Add(other._jnnSum);
        _jnnSquareSum.Add(other._jnnSquareSum);
    }

    /// <summary>Means and standard errors of the mean over all realizations.</summary>
    public EnsembleAverage Average()
    {
        long n = Count;
        if (n == 0)
        {
            throw new InvalidOperationException("no realizations have been added");
        }

        Fold();

        var mag = new double[TimePoints];
        var magSem = new double[TimePoints];
        var pur = new double[TimePoints];
        var purSem = new double[TimePoints];
        BigInteger unit = BigInteger.One << FixedPoint.FractionBits;
        for (int k = 0; k < TimePoints; k++)
        {
            Int128 sm = SumOverBlocks(_mag, k, exclude: -1);
            Int128 sp = SumOverBlocks(_pur, k, exclude: -1);
            mag[k] = ExactRational.ToDouble(sm, n, FixedPoint.FractionBits);
            pur[k] = ExactRational.ToDouble(sp, n, FixedPoint.FractionBits);
            magSem[k] = StandardError(FixedPoint.ToBig(sm), FixedPoint.ToBig(_mag2[k]), n, unit);
            purSem[k] = StandardError(FixedPoint.ToBig(sp), FixedPoint.ToBig(_pur2[k]), n, unit);
        }

        BigInteger jnnSum = _jnnSum.ToBigInteger();
        double jnn = ExactRational.ToDouble(jnnSum, n * ExactSum.Unit);
        double jnnSem = StandardError(jnnSum, _jnnSquareSum.ToBigInteger(), n, ExactSum.Unit);
        return new EnsembleAverage(n, mag, magSem, pur, purSem, jnn, jnnSem);
    }

    /// <summary>
    /// Mean curves without jackknife block b (for the leave-one-block-out fits), or null when
    /// the block is empty or holds every realization.
    /// </summary>
    public (double[] Mag, double[] Pur)? MeanWithoutBlock(int block)
    {
        if (block < 0 || block >= Blocks)
        {
            throw new ArgumentOutOfRangeException(nameof(block), block, $"blocks are 0 .. {Blocks - 1}");
        }

        long n = Count - _blockCount[block];
        if (_blockCount[block] == 0 || n == 0)
        {
            return null;
        }

        Fold();

        var mag = new double[TimePoints];
        var pur = new double[TimePoints];
        for (int k = 0; k < TimePoints; k++)
        {
            mag[k] = ExactRational.ToDouble(SumOverBlocks(_mag, k, block), n, FixedPoint.FractionBits);
            pur[k] = ExactRational.ToDouble(SumOverBlocks(_pur, k, block), n, FixedPoint.FractionBits);
        }

        return (mag, pur);
    }

    /// <summary>The raw sums, for storage. Arrays are copies.</summary>
    public EnsembleSums Export()
    {
        Fold();
        return new(
            TimePoints,
            (Int128[])_mag.Clone(),
            (Int128[])_pur.Clone(),
            (Int128[])_mag2.Clone(),
            (Int128[])_pur2.Clone(),
            (long[])_blockCount.Clone(),
            _jnnSum.ToBigInteger().ToByteArray(),
            _jnnSquareSum.ToBigInteger().ToByteArray());
    }

    /// <summary>Rebuilds an accumulator from stored sums, checking their shape.</summary>
    public static EnsembleAccumulator Import(EnsembleSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var acc = new EnsembleAccumulator(sums.TimePoints);
        int t = sums.TimePoints;
        if (sums.Mag.Length != Blocks * t || sums.Pur.Length != Blocks * t || sums.MagSquares.Length != t ||
            sums.PurSquares.Length != t || sums.BlockCounts.Length != Blocks || sums.BlockCounts.Any(c => c < 0))
        {
            throw new ArgumentException("stored ensemble sums have the wrong shape", nameof(sums));
        }

        sums.Mag.CopyTo(acc._mag, 0);
        sums.Pur.CopyTo(acc._pur, 0);
        sums.MagSquares.CopyTo(acc._mag2, 0);
        sums.PurSquares.CopyTo(acc._pur2, 0);
        sums.BlockCounts.CopyTo(acc._blockCount, 0);
        acc._jnnSum = ExactDoubleSum.From(new BigInteger(sums.JnnSum));
        acc._jnnSquareSum = ExactDoubleSum.From(new BigInteger(sums.JnnSquareSum));
        return acc;
    }

    // Values from index `from` on, added one by one (the tail the staging leaves, or all of a
    // chunk it refused: FromDouble then names the value outside [-1, 1]).
    private static void AddDirect(Int128[] sums, int offset, ReadOnlySpan<double> values, int from, bool square)
    {
        for (int k = from; k < values.Length; k++)
        {
            sums[offset + k] += FixedPoint.FromDouble(square ? values[k] * values[k] : values[k]);
        }
    }

    // Moves the staged sums into the Int128 sums and drops the staging (merged accumulators,
    // which the grains keep per point, then hold no staging memory).
    private void Fold()
    {
        if (_magStaged is null)
        {
            return;
        }

        _magStaged.FoldInto(_mag);
        _purStaged!.FoldInto(_pur);
        _mag2Staged!.FoldInto(_mag2);
        _pur2Staged!.FoldInto(_pur2);
        _magStaged = _purStaged = _mag2Staged = _pur2Staged = null;
        _stagedAdds = 0;
    }

    private Int128 SumOverBlocks(Int128[] sums, int k, int exclude)
    {
        Int128 total = 0;
        for (int b = 0; b < Blocks; b++)
        {
            if (b != exclude)
            {
                total += sums[b * TimePoints + k];
            }
        }

        return total;
    }

    // sem^2 = (n S2 - S1^2) / (n^2 (n - 1)) in exact integers, one rounding, then the root.
    private static double StandardError(BigInteger s1, BigInteger s2, long n, BigInteger unit)
    {
        if (n < 2)
        {
            return double.NaN;
        }

        BigInteger numerator = n * s2 * unit - s1 * s1;
        if (numerator.Sign <= 0)
        {
            return 0.0;
        }

        BigInteger denominator = (BigInteger)n * n * (n - 1) * unit * unit;
        return Math.Sqrt(ExactRational.ToDouble(numerator, denominator));
    }
}
