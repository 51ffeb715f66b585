namespace Sweep.Physics.Couplings;

/// <summary>
/// Pair couplings of one realization, J_ik = C / |r_i - r_k|^alpha with C = 1, stored as the
/// packed upper triangle of 2 J_ik (the factor the kernel multiplies by tau). Row i holds
/// k = i+1 .. N-1 and is padded with zeros to a multiple of <see cref="RowPadding"/> so vector
/// code can run past the end: cos(0 * tau) = 1 is an exact no-op factor.
/// </summary>
public sealed class CouplingMatrix
{
    /// <summary>Rows are padded to this many doubles (one Vector512 of doubles).</summary>
    public const int RowPadding = 8;

    private readonly double[] _twoJ;
    private readonly int _length;
    private readonly int[] _rowOffset;
    private readonly double[] _maxCoupling;

    private CouplingMatrix(int n, double[] twoJ, int length, int[] rowOffset, double[] maxCoupling)
    {
        N = n;
        _twoJ = twoJ;
        _length = length;
        _rowOffset = rowOffset;
        _maxCoupling = maxCoupling;
    }

    /// <summary>Number of spins.</summary>
    public int N { get; }

    /// <summary>The packed, padded upper triangle of 2 J_ik.</summary>
    public ReadOnlySpan<double> PackedTwoJ => _twoJ.AsSpan(0, _length);

    /// <summary>Largest coupling of each spin, max_k J_ik (its nearest-neighbour coupling).</summary>
    public ReadOnlySpan<double> NearestNeighbourCouplings => _maxCoupling;

    /// <summary>Offset of row i in <see cref="PackedTwoJ"/>; the row starts at k = i + 1.</summary>
    public int RowOffset(int i) => _rowOffset[i];

    /// <summary>Length of row i including padding (a multiple of <see cref="RowPadding"/>).</summary>
    public int PaddedRowLength(int i) => Padded(N - 1 - i);

    /// <summary>2 J_ik for i != k.</summary>
    public double TwoJ(int i, int k)
    {
        if (i == k)
        {
            throw new ArgumentException("a spin has no coupling to itself", nameof(k));
        }

        if (i > k)
        {
            (i, k) = (k, i);
        }

        return _twoJ[_rowOffset[i] + (k - i - 1)];
    }

    /// <summary>
    /// Builds the couplings from positions stored as N consecutive d-tuples.
    /// Integer alpha uses only correctly rounded IEEE operations (sqrt, multiply, divide), so
    /// the couplings carry the same bits on every machine; other alpha use Math.Pow.
    /// </summary>
    public static CouplingMatrix FromPositions(ReadOnlySpan<double> positions, int d, double alpha)
        => FromPositions(positions, d, alpha, null);

    /// <summary>Doubles the packed couplings of N spins take (see <see cref="PackedTwoJ"/>).</summary>
    public static int PackedLength(int n)
    {
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Padded(n - 1 - i);
        }

        return checked((int)total);
    }

    /// <summary>
    /// As <see cref="FromPositions(ReadOnlySpan{double}, int, double)"/>, writing the packed
    /// couplings into <paramref name="storage"/> when it holds at least
    /// <see cref="PackedLength"/> doubles. The matrix then lives in the caller's array: at
    /// N = 1300 that spares a 6.8 MB allocation per realization. The caller must not reuse the
    /// array while the matrix is in use.
    /// </summary>
    public static CouplingMatrix FromPositions(ReadOnlySpan<double> positions, int d, double alpha, double[]? storage)
    {
        if (d < 1 || d > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3");
        }

        if (positions.Length % d != 0)
        {
            throw new ArgumentException("positions must hold N d-tuples", nameof(positions));
        }

        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a positive finite number");
        }

        int n = positions.Length / d;
        var rowOffset = new int[Math.Max(n, 1)];
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            rowOffset[i] = checked((int)total);
            total += Padded(n - 1 - i);
        }

        int length = checked((int)total);
        double[] twoJ = storage is not null && storage.Length >= length ? storage : new double[length];
        var maxJ = new double[n];
        bool integerAlpha = alpha == Math.Floor(alpha) && alpha <= 64;
        if (integerAlpha && IntegerCouplingRows.IsSupported)
        {
            // The same bits as the loop below, several partners at once (and the padding written).
            IntegerCouplingRows.Fill(positions, d, (int)alpha, n, rowOffset, twoJ, maxJ);
            return new CouplingMatrix(n, twoJ, length, rowOffset, maxJ);
        }

        for (int i = 0; i < n; i++)
        {
            int row = rowOffset[i];
            for (int k = i + 1; k < n; k++)
            {
                double dist2 = 0;
                for (int c = 0; c < d; c++)
                {
                    double delta = positions[i * d + c] - positions[k * d + c];
                    dist2 += delta * delta;
                }

                double j = integerAlpha ? 1.0 / IntegerPower.Of(Math.Sqrt(dist2), (int)alpha) : Math.Pow(dist2, -0.5 * alpha);
                twoJ[row + (k - i - 1)] = 2.0 * j;
                if (j > maxJ[i])
                {
                    maxJ[i] = j;
                }

                if (j > maxJ[k])
                {
                    maxJ[k] = j;
                }
            }
        }

        if (!ReferenceEquals(twoJ, storage))
        {
            return new CouplingMatrix(n, twoJ, length, rowOffset, maxJ);
        }

        // A reused array holds the previous realization's values in the rows' padding, which
        // must be zero (cos(0 * tau) = 1 is the padding's no-op factor).
        for (int i = 0; i < n; i++)
        {
            int used = n - 1 - i;
            twoJ.AsSpan(rowOffset[i] + used, Padded(used) - used).Clear();
        }

        return new CouplingMatrix(n, twoJ, length, rowOffset, maxJ);
    }

    private static int Padded(int length) => (length + RowPadding - 1) / RowPadding * RowPadding;
}
