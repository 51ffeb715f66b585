using System.Buffers;

namespace Sweep.Physics.Geometry;

/// <summary>
/// A uniform cell grid over [-1, 1]^d with cells no smaller than the exclusion radius, so a
/// candidate only has to be compared with spins in its own and adjacent cells. The number of
/// cells is capped near 4 N, so tiny exclusion radii do not cost memory. Its arrays come from
/// the shared pool (one grid per realization) and go back on dispose.
/// </summary>
internal sealed class CellGrid : IDisposable
{
    private readonly int _d;
    private readonly int _perDim;
    private readonly double _cellSize;
    private readonly int[] _head;
    private readonly int[] _next;

    public CellGrid(int d, int n, double exclusionRadius)
    {
        _d = d;
        int maxPerDim = Math.Max(1, (int)Math.Floor(Math.Pow(4.0 * n, 1.0 / d)));
        // A margin keeps rounding in the root from ever making a cell smaller than r_b.
        double wanted = 2.0 / (exclusionRadius * (1.0 + 1e-9));
        _perDim = (int)Math.Clamp(Math.Floor(wanted), 1, maxPerDim);
        _cellSize = 2.0 / _perDim;
        int cells = 1;
        for (int c = 0; c < d; c++)
        {
            cells *= _perDim;
        }

        _head = ArrayPool<int>.Shared.Rent(cells);
        _head.AsSpan(0, cells).Fill(-1);
        _next = ArrayPool<int>.Shared.Rent(n);
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_head);
        ArrayPool<int>.Shared.Return(_next);
    }

    public void Add(int spin, ReadOnlySpan<double> position)
    {
        int cell = CellIndex(position);
        _next[spin] = _head[cell];
        _head[cell] = spin;
    }

    public bool HasNeighbourWithin(ReadOnlySpan<double> candidate, ReadOnlySpan<double> positions, double exclusion)
    {
        Span<int> centre = stackalloc int[3];
        for (int c = 0; c < _d; c++)
        {
            centre[c] = Coordinate(candidate[c]);
        }

        int lo0 = Math.Max(centre[0] - 1, 0), hi0 = Math.Min(centre[0] + 1, _perDim - 1);
        int lo1 = _d > 1 ? Math.Max(centre[1] - 1, 0) : 0, hi1 = _d > 1 ? Math.Min(centre[1] + 1, _perDim - 1) : 0;
        int lo2 = _d > 2 ? Math.Max(centre[2] - 1, 0) : 0, hi2 = _d > 2 ? Math.Min(centre[2] + 1, _perDim - 1) : 0;
        for (int i2 = lo2; i2 <= hi2; i2++)
        {
            for (int i1 = lo1; i1 <= hi1; i1++)
            {
                for (int i0 = lo0; i0 <= hi0; i0++)
                {
                    int cell = (i2 * _perDim + i1) * _perDim + i0;
                    for (int s = _head[cell]; s >= 0; s = _next[s])
                    {
                        if (RsaSampler.Overlaps(candidate, positions.Slice(s * _d, _d), exclusion))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private int CellIndex(ReadOnlySpan<double> position)
    {
        int index = 0;
        for (int c = _d - 1; c >= 0; c--)
        {
            index = index * _perDim + Coordinate(position[c]);
        }

        return index;
    }

    private int Coordinate(double value) => Math.Clamp((int)((value + 1.0) / _cellSize), 0, _perDim - 1);
}
