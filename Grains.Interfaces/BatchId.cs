using System.Globalization;

namespace Sweep.Grains.Interfaces;

/// <summary>Realizations First .. First + Count - 1 of a grid point: the identity of one batch.</summary>
[GenerateSerializer]
[Immutable]
public sealed record BatchId(
    [property: Id(0)] PointKey Point,
    [property: Id(1)] long First,
    [property: Id(2)] int Count)
{
    /// <summary>"point-key/first+count": the batch's key in the batch store (and in logs).</summary>
    public string GrainKey => string.Create(CultureInfo.InvariantCulture, $"{Point.GrainKey}/{First}+{Count}");
}
