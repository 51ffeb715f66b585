using System.Globalization;
using System.Runtime.CompilerServices;

namespace Sweep.Grains.Interfaces;

/// <summary>A grid point (d, alpha, x, N) of a campaign; its text form keys the grid-point grain.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PointKey(
    [property: Id(0)] string Campaign,
    [property: Id(1)] int D,
    [property: Id(2)] double Alpha,
    [property: Id(3)] double X,
    [property: Id(4)] int N)
{
    // Formatting two doubles round-trip is slow, and campaigns look keys up for every point on
    // every status poll; the cache is keyed by reference, so record equality is unaffected.
    private static readonly ConditionalWeakTable<PointKey, string> Keys = new();

    /// <summary>"campaign/d/alpha/x/N" with round-trip numbers: the grid-point grain's key.</summary>
    public string GrainKey => Keys.GetValue(this, static k => string.Create(CultureInfo.InvariantCulture, $"{k.Campaign}/{k.D}/{k.Alpha:R}/{k.X:R}/{k.N}"));
}
