namespace Sweep.Grains.Interfaces;

/// <summary>
/// Exact ensemble sums of some realizations of a point, as stored and sent between grains:
/// curve sums are Int128 multiples of 2^-104 (mag and pur per jackknife block and time point,
/// squares per time point), J_NN ratio sums are little-endian integers in units of 2^-1074.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SumsData(
    [property: Id(0)] int TimePoints,
    [property: Id(1)] Int128[] Mag,
    [property: Id(2)] Int128[] Pur,
    [property: Id(3)] Int128[] MagSquares,
    [property: Id(4)] Int128[] PurSquares,
    [property: Id(5)] long[] BlockCounts,
    [property: Id(6)] byte[] JnnSum,
    [property: Id(7)] byte[] JnnSquareSum);
