using System.Globalization;
using System.Runtime.CompilerServices;
using Sweep.Physics.Points;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// A grid point (<see cref="GridPoint"/>: d, alpha, x, N) of a campaign; its text form keys the
/// grid-point grain. The point's fields are stored flat, as they always were.
/// </summary>
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

    /// <summary>The grid point of <paramref name="campaign"/> at <paramref name="point"/>.</summary>
    public static PointKey Of(string campaign, GridPoint point) => new(campaign, point.D, point.Alpha, point.X, point.N);

    /// <summary>The grid point, without its campaign.</summary>
    public GridPoint Point => new(D, Alpha, X, N);

    /// <summary>"campaign/d/alpha/x/N" with round-trip numbers: the grid-point grain's key.</summary>
    public string GrainKey => Keys.GetValue(this, static k => string.Create(CultureInfo.InvariantCulture, $"{k.Campaign}/{k.D}/{k.Alpha:R}/{k.X:R}/{k.N}"));
}
