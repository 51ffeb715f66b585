namespace Sweep.Physics.Ensemble;

/// <summary>
/// The raw exact sums of an <see cref="EnsembleAccumulator"/>: curve sums are Int128 multiples
/// of 2^-104 ([block * T + k] for mag and pur, [k] for the squares); the J_NN ratio sums are
/// two's-complement little-endian integers in units of 2^-1074.
/// </summary>
public sealed record EnsembleSums(
    int TimePoints,
    Int128[] Mag,
    Int128[] Pur,
    Int128[] MagSquares,
    Int128[] PurSquares,
    long[] BlockCounts,
    byte[] JnnSum,
    byte[] JnnSquareSum);
