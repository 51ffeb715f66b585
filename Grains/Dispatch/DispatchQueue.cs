using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>
/// The order in which waiting batches are leased: returned leases first (their points have
/// waited longest), speculative batches (past a precision target's undecided checkpoint) last,
/// and in between the points whose realizations cost most, so that a campaign does not
/// end with one long batch on one slot while the other slots idle. A point's batches stay
/// together (by point key, then arrival): few points are half-done at any time, so few hold
/// merged sums in memory and rewrite them to the store. A silo takes the first batch in that
/// order that fits the memory of its slots; the ones it skips wait for a silo that can hold them.
/// </summary>
public sealed class DispatchQueue
{
    private readonly SortedSet<Position> _waiting = new();
    private readonly Dictionary<string, Position> _byKey = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count => _waiting.Count;

    /// <summary>Queues a batch (or moves it if it is queued already).</summary>
    public void Add(BatchWork work, bool ahead)
    {
        ArgumentNullException.ThrowIfNull(work);
        Remove(work.Id.GrainKey);
        var position = new Position(ahead ? 0 : work.Speculative ? 2 : 1, -BatchCost.PerRealization(work), work.Id.Point.GrainKey, _sequence++, work.Id.GrainKey, SlotMemory.Requirement(work));
        _waiting.Add(position);
        _byKey[position.Key] = position;
    }

    public bool Remove(string key)
    {
        if (!_byKey.Remove(key, out Position? position))
        {
            return false;
        }

        _waiting.Remove(position);
        return true;
    }

    /// <summary>
    /// The key of the batch to lease next among those needing at most
    /// <paramref name="bytesPerSlot"/> per compute slot, taken out of the queue. Batches too big
    /// for it are stepped over, which costs a walk over them: the queue holds at most the
    /// campaign's batch cap (Campaigns/SpecLimits), and a point no live silo can hold is failed.
    /// </summary>
    public bool TryTake(double bytesPerSlot, out string key)
    {
        foreach (Position position in _waiting)
        {
            if (position.Bytes <= bytesPerSlot)
            {
                _waiting.Remove(position);
                _byKey.Remove(position.Key);
                key = position.Key;
                return true;
            }
        }

        key = string.Empty;
        return false;
    }

    /// <summary>The key of the batch to lease next, whatever memory it needs, taken out of the queue.</summary>
    public bool TryTake(out string key) => TryTake(double.PositiveInfinity, out key);

    private sealed record Position(int Rank, double NegativeCost, string Point, long Sequence, string Key, double Bytes) : IComparable<Position>
    {
        public int CompareTo(Position? other)
        {
            if (other is null)
            {
                return 1;
            }

            int c = Rank.CompareTo(other.Rank);
            if (c == 0)
            {
                c = NegativeCost.CompareTo(other.NegativeCost);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(Point, other.Point);
            }

            return c != 0 ? c : Sequence.CompareTo(other.Sequence);
        }
    }
}
