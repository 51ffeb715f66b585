namespace Sweep.Physics.Kernel;

/// <summary>
/// Per spin, the couplings 2J_ik that were near (2J tau &gt; x_max) at the largest tau, sorted
/// ascending once they are all collected, each with the number of its pair (i, k), which both
/// spins' lists share. As tau decreases the smallest of them become far one by one, so each
/// spin's near set at any tau is a tail of its list (<see cref="NearProductTable"/>).
/// </summary>
internal sealed class NearCouplings
{
    private readonly double[][] _values;
    private readonly int[][] _pairs;
    private readonly int[] _count;

    internal NearCouplings(int n)
    {
        _values = new double[n][];
        _pairs = new int[n][];
        _count = new int[n];
        for (int i = 0; i < n; i++)
        {
            _values[i] = [];
            _pairs[i] = [];
        }
    }

    internal void Add(int spin, double twoJ, int pair)
    {
        if (_count[spin] == _values[spin].Length)
        {
            int length = Math.Max(8, 2 * _values[spin].Length);
            Array.Resize(ref _values[spin], length);
            Array.Resize(ref _pairs[spin], length);
        }

        _values[spin][_count[spin]] = twoJ;
        _pairs[spin][_count[spin]++] = pair;
    }

    /// <summary>Sorts every list by coupling, the pair numbers with them; the order of the adds then no longer matters.</summary>
    internal void Sort()
    {
        for (int i = 0; i < _values.Length; i++)
        {
            SortAscending(_values[i].AsSpan(0, _count[i]), _pairs[i].AsSpan(0, _count[i]));
        }
    }

    // A 1D spin has a handful of near couplings, and Array.Sort's set-up per call cost more than
    // the sort (2% of a 60-spin realization). The couplings here are positive (+infinity for
    // coincident spins; NaN is never near), and their ascending order is unique up to equal
    // values, which are the same bits with the same turn step, so either sort gives the same
    // products whichever pair an equal value carries.
    private static void SortAscending(Span<double> values, Span<int> pairs)
    {
        if (values.Length > ShortList)
        {
            values.Sort(pairs);
            return;
        }

        for (int j = 1; j < values.Length; j++)
        {
            double v = values[j];
            int pair = pairs[j];
            int k = j - 1;
            while (k >= 0 && values[k] > v)
            {
                values[k + 1] = values[k];
                pairs[k + 1] = pairs[k];
                k--;
            }

            values[k + 1] = v;
            pairs[k + 1] = pair;
        }
    }

    private const int ShortList = 24;

    /// <summary>Pair p becomes pair <paramref name="newNumber"/>[p] in every list.</summary>
    internal void Renumber(ReadOnlySpan<int> newNumber)
    {
        for (int i = 0; i < _pairs.Length; i++)
        {
            Span<int> pairs = _pairs[i].AsSpan(0, _count[i]);
            for (int e = 0; e < pairs.Length; e++)
            {
                pairs[e] = newNumber[pairs[e]];
            }
        }
    }

    /// <summary>The couplings of the spin that were near at the largest tau, ascending.</summary>
    internal ReadOnlySpan<double> Near(int spin) => _values[spin].AsSpan(0, _count[spin]);

    /// <summary>The pair number of each coupling of <see cref="Near"/>, in its order.</summary>
    internal ReadOnlySpan<int> Pairs(int spin) => _pairs[spin].AsSpan(0, _count[spin]);
}
