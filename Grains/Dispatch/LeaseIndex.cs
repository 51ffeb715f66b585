namespace Sweep.Grains.Dispatch;

/// <summary>
/// The dispatcher's leased batches by silo, so that checking for silos that left, and a silo's
/// renewal, touch that silo's leases only instead of scanning every queued and leased batch.
/// The capacity harness measured that scan on every lease as the dispatcher's cost growing with
/// the cluster's slots (docs/PERFORMANCE.md, "Capacity harness").
/// </summary>
public sealed class LeaseIndex
{
    private readonly Dictionary<string, HashSet<string>> _bySilo = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>Silos holding at least one lease.</summary>
    public IReadOnlyCollection<string> Silos => _bySilo.Keys;

    public void Add(string silo, string key)
    {
        if (!_bySilo.TryGetValue(silo, out HashSet<string>? keys))
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            _bySilo[silo] = keys;
        }

        if (keys.Add(key))
        {
            Count++;
        }
    }

    public void Remove(string silo, string key)
    {
        if (_bySilo.TryGetValue(silo, out HashSet<string>? keys) && keys.Remove(key))
        {
            Count--;
            if (keys.Count == 0)
            {
                _bySilo.Remove(silo);
            }
        }
    }

    /// <summary>Batches leased to the silo.</summary>
    public int CountOf(string silo) => _bySilo.TryGetValue(silo, out HashSet<string>? keys) ? keys.Count : 0;

    /// <summary>A copy of the silo's leased keys (callers requeue while they walk it).</summary>
    public string[] KeysOf(string silo) => _bySilo.TryGetValue(silo, out HashSet<string>? keys) ? keys.ToArray() : [];

    /// <summary>A copy of every leased key.</summary>
    public string[] AllKeys() => _bySilo.Values.SelectMany(k => k).ToArray();
}
