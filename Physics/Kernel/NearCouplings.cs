namespace Sweep.Physics.Kernel;

/// <summary>
/// Per spin, the couplings 2J_ik that were near (2J tau &gt; x_max) at the largest tau, sorted
/// ascending once they are all collected. As tau decreases the smallest of them become far one by
/// one, so each spin's near set at any tau is a tail of its list (<see cref="NearProductTable"/>).
/// </summary>
internal sealed class NearCouplings
{
    private readonly double[][] _values;
    private readonly int[] _count;

    internal NearCouplings(int n)
    {
        _values = new double[n][];
        _count = new int[n];
        for (int i = 0; i < n; i++)
        {
            _values[i] = [];
        }
    }

    internal void Add(int spin, double twoJ)
    {
        double[] values = _values[spin];
        if (_count[spin] == values.Length)
        {
            Array.Resize(ref _values[spin], Math.Max(8, 2 * values.Length));
        }

        _values[spin][_count[spin]++] = twoJ;
    }

    /// <summary>Sorts every list; the order of the adds then no longer matters.</summary>
    internal void Sort()
    {
        for (int i = 0; i < _values.Length; i++)
        {
            SortAscending(_values[i].AsSpan(0, _count[i]));
        }
    }

    // A 1D spin has a handful of near couplings, and Array.Sort's set-up per call cost more than
    // the sort (2% of a 60-spin realization). The couplings here are positive (+infinity for
    // coincident spins; NaN is never near), and their ascending order is unique up to equal
    // values, which are the same bits, so either sort gives the same lists.
    private static void SortAscending(Span<double> values)
    {
        if (values.Length > ShortList)
        {
            values.Sort();
            return;
        }

        for (int j = 1; j < values.Length; j++)
        {
            double v = values[j];
            int k = j - 1;
            while (k >= 0 && values[k] > v)
            {
                values[k + 1] = values[k];
                k--;
            }

            values[k + 1] = v;
        }
    }

    private const int ShortList = 24;

    /// <summary>The couplings of the spin that were near at the largest tau, ascending.</summary>
    internal ReadOnlySpan<double> Near(int spin) => _values[spin].AsSpan(0, _count[spin]);
}
