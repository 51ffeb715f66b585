namespace Sweep.Grains.Dispatch;

/// <summary>
/// Decides when a point's batches fit no silo: the memory per slot each silo reported with its
/// last lease or renewal, and since when each point has needed more than any active silo has.
/// Active: reported within <see cref="DispatcherOptions.SiloActiveWindow"/> and not leaving the
/// cluster. A point is due to fail only once at least one silo is active, none of them can hold
/// it, and that has lasted <see cref="DispatcherOptions.UnplaceableGrace"/>: a busy silo still
/// renews, and a restarting one is back within the grace.
/// </summary>
public sealed class SlotPlacement(DispatcherOptions options)
{
    private readonly Dictionary<string, (long BytesPerSlot, DateTime Seen)> _silos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _unplaceableSince = new(StringComparer.Ordinal);

    /// <summary>A lease or renewal of the silo, with its memory per compute slot.</summary>
    public void Report(string silo, long bytesPerSlot, DateTime now) => _silos[silo] = (bytesPerSlot, now);

    /// <summary>
    /// The points (of <paramref name="queued"/>: point key and bytes a slot needs) that no active
    /// silo has been able to hold for the grace, with the largest memory per slot among the
    /// active silos and their count. Points that fit again start their grace anew.
    /// </summary>
    public (IReadOnlyList<string> Points, long Largest, int Silos) Due(IEnumerable<(string Point, double BytesPerSlot)> queued, DateTime now, Func<string, bool> leaving)
    {
        ArgumentNullException.ThrowIfNull(queued);
        ArgumentNullException.ThrowIfNull(leaving);
        foreach (var (silo, (_, seen)) in _silos.ToList())
        {
            if (now - seen > options.SiloActiveWindow || leaving(silo))
            {
                _silos.Remove(silo);
            }
        }

        if (_silos.Count == 0)
        {
            _unplaceableSince.Clear();
            return ([], 0, 0);
        }

        long largest = _silos.Values.Max(s => s.BytesPerSlot);
        var unplaceable = queued.Where(q => q.BytesPerSlot > largest).Select(q => q.Point).ToHashSet(StringComparer.Ordinal);
        foreach (string point in _unplaceableSince.Keys.Where(p => !unplaceable.Contains(p)).ToList())
        {
            _unplaceableSince.Remove(point);
        }

        var due = new List<string>();
        foreach (string point in unplaceable)
        {
            if (!_unplaceableSince.TryGetValue(point, out DateTime since))
            {
                _unplaceableSince[point] = since = now;
            }

            if (now - since >= options.UnplaceableGrace)
            {
                due.Add(point);
                _unplaceableSince.Remove(point);
            }
        }

        return (due, largest, _silos.Count);
    }
}
