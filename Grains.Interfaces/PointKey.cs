using System.Globalization;

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
    /// <summary>"campaign/d/alpha/x/N" with round-trip numbers: the grid-point grain's key.</summary>
    public string GrainKey => string.Create(CultureInfo.InvariantCulture, $"{Campaign}/{D}/{Alpha:R}/{X:R}/{N}");
}
