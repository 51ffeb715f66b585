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
            Array.Sort(_values[i], 0, _count[i]);
        }
    }

    /// <summary>The couplings of the spin that were near at the largest tau, ascending.</summary>
    internal ReadOnlySpan<double> Near(int spin) => _values[spin].AsSpan(0, _count[spin]);
}
