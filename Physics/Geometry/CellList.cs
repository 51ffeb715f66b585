namespace Sweep.Physics.Geometry;

/// <summary>
/// Spins sorted into a uniform grid of cubic cells over [-1, 1]^d (the ball of radius r0 = 1),
/// with per-cell counts summed into a prefix table, so that the spins of a cell are contiguous
/// and the number of spins in any box of cells costs 2^d look-ups. Cells are assigned by
/// floor((x + 1) / h) with h = 2 / G, so every decision is the same on every machine.
/// Memory is O(N + G^d) with G^d at most about <see cref="MaxCellsPerSpin"/> N.
/// </summary>
internal sealed class CellList
{
    /// <summary>The grid never has more than this many cells per spin (plus one per dimension).</summary>
    internal const int MaxCellsPerSpin = 4;

    private readonly int[] _start;
    private readonly int[] _prefix;
    private readonly int[] _rowFirst;
    private readonly int[] _rowLast;

    internal CellList(ReadOnlySpan<double> positions, int d, int cellsPerDimension)
    {
        if (d < 1 || d > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3");
        }

        if (cellsPerDimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(cellsPerDimension), cellsPerDimension, "must be at least 1");
        }

        D = d;
        N = positions.Length / d;
        G = cellsPerDimension;
        H = 2.0 / G;
        Extent = [G, d > 1 ? G : 1, d > 2 ? G : 1];
        long cells = (long)Extent[0] * Extent[1] * Extent[2];
        if (cells > int.MaxValue / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(cellsPerDimension), cellsPerDimension, "too many cells");
        }

        var cellOf = new int[N];
        _start = new int[cells + 1];
        for (int i = 0; i < N; i++)
        {
            int cell = 0;
            for (int c = d - 1; c >= 0; c--)
            {
                cell = (cell * G) + Coordinate(positions[(i * d) + c]);
            }

            cellOf[i] = cell;
            _start[cell + 1]++;
        }

        for (int c = 0; c < cells; c++)
        {
            _start[c + 1] += _start[c];
        }

        // Stable counting sort: within a cell the spins keep ascending index.
        Spin = new int[N];
        Positions = new double[N * d];
        X = new double[N];
        Y = d > 1 ? new double[N] : [];
        Z = d > 2 ? new double[N] : [];
        var fill = new int[cells];
        for (int i = 0; i < N; i++)
        {
            int slot = _start[cellOf[i]] + fill[cellOf[i]]++;
            Spin[slot] = i;
            positions.Slice(i * d, d).CopyTo(Positions.AsSpan(slot * d, d));
            X[slot] = positions[i * d];
            if (d > 1)
            {
                Y[slot] = positions[(i * d) + 1];
            }

            if (d > 2)
            {
                Z[slot] = positions[(i * d) + 2];
            }
        }

        // The first and last non-empty cell of each row, so that loops along x skip the empty ends.
        _rowFirst = new int[Extent[1] * Extent[2]];
        _rowLast = new int[Extent[1] * Extent[2]];
        for (int row = 0; row < _rowFirst.Length; row++)
        {
            int first = Extent[0], last = -1;
            for (int x = 0; x < Extent[0]; x++)
            {
                int cell = (row * Extent[0]) + x;
                if (_start[cell + 1] > _start[cell])
                {
                    first = Math.Min(first, x);
                    last = x;
                }
            }

            _rowFirst[row] = first;
            _rowLast[row] = last;
        }

        // _prefix[(z, y, x)] over a (G0+1)(G1+1)(G2+1) table: spins in cells with coordinates below (x, y, z).
        int p0 = Extent[0] + 1, p1 = Extent[1] + 1, p2 = Extent[2] + 1;
        _prefix = new int[(long)p0 * p1 * p2 > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(cellsPerDimension)) : p0 * p1 * p2];
        for (int z = 1; z < p2; z++)
        {
            for (int y = 1; y < p1; y++)
            {
                for (int x = 1; x < p0; x++)
                {
                    int cell = ((((z - 1) * Extent[1]) + (y - 1)) * Extent[0]) + (x - 1);
                    int own = _start[cell + 1] - _start[cell];
                    _prefix[(((z * p1) + y) * p0) + x] = own
                        + _prefix[(((z * p1) + y) * p0) + x - 1]
                        + _prefix[(((z * p1) + y - 1) * p0) + x]
                        + _prefix[((((z - 1) * p1) + y) * p0) + x]
                        - _prefix[(((z * p1) + y - 1) * p0) + x - 1]
                        - _prefix[((((z - 1) * p1) + y) * p0) + x - 1]
                        - _prefix[((((z - 1) * p1) + y - 1) * p0) + x]
                        + _prefix[((((z - 1) * p1) + y - 1) * p0) + x - 1];
                }
            }
        }
    }

    /// <summary>Dimension.</summary>
    internal int D { get; }

    /// <summary>Number of spins.</summary>
    internal int N { get; }

    /// <summary>Cells per dimension.</summary>
    internal int G { get; }

    /// <summary>Cell side, 2 / G.</summary>
    internal double H { get; }

    /// <summary>Cells along x, y, z (1 in the dimensions beyond d).</summary>
    internal int[] Extent { get; }

    /// <summary>The spin index in each sorted slot.</summary>
    internal int[] Spin { get; }

    /// <summary>The first coordinate of each sorted slot.</summary>
    internal double[] X { get; }

    /// <summary>The second coordinate of each sorted slot (empty in 1D).</summary>
    internal double[] Y { get; }

    /// <summary>The third coordinate of each sorted slot (empty below 3D).</summary>
    internal double[] Z { get; }

    /// <summary>Positions in sorted order (slot s at s * d).</summary>
    internal double[] Positions { get; }

    /// <summary>
    /// The cells per dimension for N spins: the largest G with G^d at most
    /// <see cref="MaxCellsPerSpin"/> N / <paramref name="spinsPerCell"/> times 2^d / V_d (so that
    /// about that many spins share a cell of the ball), found by integer search.
    /// </summary>
    internal static int CellsPerDimension(int d, int n, double spinsPerCell)
    {
        double wanted = n / spinsPerCell * Math.ScaleB(1.0, d) / Ball.UnitVolume(d);
        long cap = (long)MaxCellsPerSpin * n;
        int g = 1;
        while (true)
        {
            long next = Power(g + 1, d);
            if (next > wanted || next > cap)
            {
                return g;
            }

            g++;
        }
    }

    /// <summary>The cell coordinate of a coordinate value.</summary>
    internal int Coordinate(double value) => Math.Clamp((int)((value + 1.0) / H), 0, G - 1);

    /// <summary>First sorted slot of a cell (index x + G (y + G z)).</summary>
    internal int Start(int cell) => _start[cell];

    /// <summary>One past the last sorted slot of a cell.</summary>
    internal int End(int cell) => _start[cell + 1];

    /// <summary>
    /// The x range of the non-empty cells of row (y, z), given as z * Extent[1] + y; First &gt; Last
    /// when the row is empty.
    /// </summary>
    internal (int First, int Last) OccupiedColumns(int row) => (_rowFirst[row], _rowLast[row]);

    /// <summary>The cell of a sorted slot's spin, as (x, y, z).</summary>
    internal void CellOfSlot(int slot, Span<int> cell)
    {
        for (int c = 0; c < 3; c++)
        {
            cell[c] = c < D ? Coordinate(Positions[(slot * D) + c]) : 0;
        }
    }

    /// <summary>Spins in the cells with coordinates within <paramref name="radius"/> cells of <paramref name="centre"/> (Chebyshev), clipped to the grid.</summary>
    internal int CountInCube(ReadOnlySpan<int> centre, int radius)
    {
        int x0 = Math.Max(centre[0] - radius, 0), x1 = Math.Min(centre[0] + radius, Extent[0] - 1) + 1;
        int y0 = Math.Max(centre[1] - radius, 0), y1 = Math.Min(centre[1] + radius, Extent[1] - 1) + 1;
        int z0 = Math.Max(centre[2] - radius, 0), z1 = Math.Min(centre[2] + radius, Extent[2] - 1) + 1;
        return Prefix(x1, y1, z1) - Prefix(x0, y1, z1) - Prefix(x1, y0, z1) - Prefix(x1, y1, z0)
            + Prefix(x0, y0, z1) + Prefix(x0, y1, z0) + Prefix(x1, y0, z0) - Prefix(x0, y0, z0);
    }

    private int Prefix(int x, int y, int z) => _prefix[(((z * (Extent[1] + 1)) + y) * (Extent[0] + 1)) + x];

    private static long Power(int g, int d)
    {
        long p = 1;
        for (int c = 0; c < d; c++)
        {
            p *= g;
        }

        return p;
    }
}
