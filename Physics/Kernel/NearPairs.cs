namespace Sweep.Physics.Kernel;

/// <summary>
/// The pairs (i, k) that were near (2J tau &gt; x_max) at the largest tau, and what the
/// accelerated kernel needs of them as it steps down the taus: the step at which each turns far,
/// each spin's couplings in ascending order, and the turnings by step.
/// <para>
/// After <see cref="Prepare"/>, pair number q is the q-th by descending turn step (so the pairs
/// still near at a step are the first ones); each spin's entries list its pairs by ascending
/// coupling, which is also ascending turn step (a smaller coupling turns far no later), so its
/// near set at any step is a tail of its list; and the turnings of a step list each spin's
/// couplings in ascending order, the order in which their powers enter the spin's sums. Equal
/// couplings are the same bits with the same turn step, so their relative order does not matter.
/// </para>
/// </summary>
internal sealed class NearPairs
{
    private readonly int _n;
    private double[] _addedValue = new double[64];
    private int[] _addedI = new int[64];
    private int[] _addedK = new int[64];

    internal NearPairs(int n)
    {
        _n = n;
        SpinStart = new int[n + 1];
        SpinEnd = new int[n];
    }

    /// <summary>How many pairs were added.</summary>
    internal int Count { get; private set; }

    /// <summary>Pair q's coupling 2J (after <see cref="Prepare"/>).</summary>
    internal double[] Value { get; private set; } = [];

    /// <summary>Pair q's turn step: it is a factor at steps [0, End[q]).</summary>
    internal int[] End { get; private set; } = [];

    /// <summary>Spin i's entries are [SpinStart[i], SpinStart[i + 1]) of <see cref="EntryPair"/> and <see cref="EntryEnd"/>.</summary>
    internal int[] SpinStart { get; }

    /// <summary>The pair number of each entry.</summary>
    internal int[] EntryPair { get; private set; } = [];

    /// <summary>The turn step of each entry's pair.</summary>
    internal int[] EntryEnd { get; private set; } = [];

    /// <summary>Spin i's last turn step (0 for a spin with no near pair).</summary>
    internal int[] SpinEnd { get; }

    /// <summary>The spins by descending <see cref="SpinEnd"/>: those with a near pair at a step are the first ones.</summary>
    internal int[] SpinOrder { get; private set; } = [];

    /// <summary>The turnings of step m are [EventStart[m], EventStart[m + 1]) of <see cref="EventSpin"/> and <see cref="EventValue"/>.</summary>
    internal int[] EventStart { get; private set; } = [];

    /// <summary>The spin whose sums a turning enters.</summary>
    internal int[] EventSpin { get; private set; } = [];

    /// <summary>The coupling that turns far.</summary>
    internal double[] EventValue { get; private set; } = [];

    /// <summary>Adds the near pair (i, k) with coupling <paramref name="twoJ"/>.</summary>
    internal void Add(int i, int k, double twoJ)
    {
        if (Count == _addedValue.Length)
        {
            Array.Resize(ref _addedValue, 2 * Count);
            Array.Resize(ref _addedI, 2 * Count);
            Array.Resize(ref _addedK, 2 * Count);
        }

        _addedValue[Count] = twoJ;
        _addedI[Count] = i;
        _addedK[Count++] = k;
    }

    /// <summary>
    /// The step at which coupling <paramref name="twoJ"/> turns far: the first m with
    /// twoJ |tau[m]| &lt;= <paramref name="farLimit"/>, or <paramref name="steps"/>. The rounded
    /// product never grows as |tau| descends, so a bisection finds it.
    /// </summary>
    internal static int TurnStep(double twoJ, ReadOnlySpan<double> tau, int steps, double farLimit)
    {
        int low = 0;
        int high = steps;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (twoJ * Math.Abs(tau[middle]) <= farLimit)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// Everything above for the taus of the steps (descending |tau|, none zero) once all pairs
    /// are added.
    /// </summary>
    internal void Prepare(ReadOnlySpan<double> tau, int steps, double farLimit)
    {
        int count = Count;
        var end = new int[count];
        var bucket = new int[steps + 2];
        for (int p = 0; p < count; p++)
        {
            end[p] = TurnStep(_addedValue[p], tau, steps, farLimit);
            bucket[end[p] + 1]++;
        }

        for (int m = 0; m <= steps; m++)
        {
            bucket[m + 1] += bucket[m];
        }

        // Ascending (turn step, coupling): a counting sort by step, then each step's few
        // couplings by insertion. That is ascending coupling throughout.
        var rank = new int[count];
        var next = bucket.AsSpan(0, steps + 1).ToArray();
        for (int p = 0; p < count; p++)
        {
            rank[next[end[p]]++] = p;
        }

        for (int m = 0; m <= steps; m++)
        {
            for (int r = bucket[m] + 1; r < bucket[m + 1]; r++)
            {
                int p = rank[r];
                double v = _addedValue[p];
                int s = r - 1;
                while (s >= bucket[m] && _addedValue[rank[s]] > v)
                {
                    rank[s + 1] = rank[s];
                    s--;
                }

                rank[s + 1] = p;
            }
        }

        Value = new double[count];
        End = new int[count];
        for (int r = 0; r < count; r++)
        {
            int q = count - 1 - r;
            Value[q] = _addedValue[rank[r]];
            End[q] = end[rank[r]];
        }

        for (int p = 0; p < count; p++)
        {
            SpinStart[_addedI[p] + 1]++;
            SpinStart[_addedK[p] + 1]++;
        }

        for (int i = 0; i < _n; i++)
        {
            SpinStart[i + 1] += SpinStart[i];
        }

        EntryPair = new int[2 * count];
        EntryEnd = new int[2 * count];
        EventStart = new int[steps + 2];
        EventSpin = new int[2 * count];
        EventValue = new double[2 * count];
        var entry = SpinStart.AsSpan(0, _n).ToArray();
        for (int m = 0; m <= steps; m++)
        {
            EventStart[m + 1] = 2 * bucket[m + 1];
        }

        var eventNext = EventStart.AsSpan(0, steps + 1).ToArray();
        for (int r = 0; r < count; r++)
        {
            int p = rank[r];
            int q = count - 1 - r;
            foreach (int spin in (ReadOnlySpan<int>)[_addedI[p], _addedK[p]])
            {
                int e = entry[spin]++;
                EntryPair[e] = q;
                EntryEnd[e] = end[p];
                SpinEnd[spin] = end[p];
                int slot = eventNext[end[p]]++;
                EventSpin[slot] = spin;
                EventValue[slot] = _addedValue[p];
            }
        }

        var spinStart = new int[steps + 2];
        foreach (int spinEnd in SpinEnd)
        {
            spinStart[steps - spinEnd + 1]++;
        }

        for (int m = 0; m <= steps; m++)
        {
            spinStart[m + 1] += spinStart[m];
        }

        SpinOrder = new int[_n];
        for (int i = 0; i < _n; i++)
        {
            SpinOrder[spinStart[steps - SpinEnd[i]]++] = i;
        }
    }

    /// <summary>Spin i's pair numbers, by ascending coupling.</summary>
    internal ReadOnlySpan<int> Pairs(int spin) => EntryPair.AsSpan(SpinStart[spin], SpinStart[spin + 1] - SpinStart[spin]);

    /// <summary>Spin i's turn steps, in the order of <see cref="Pairs"/> (ascending).</summary>
    internal ReadOnlySpan<int> Ends(int spin) => EntryEnd.AsSpan(SpinStart[spin], SpinStart[spin + 1] - SpinStart[spin]);
}
