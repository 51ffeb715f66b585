using Sweep.Grains.Interfaces;
using Sweep.Physics.Ensemble;

namespace Sweep.Grains.Mapping;

/// <summary>Exact ensemble sums to and from their stored form.</summary>
internal static class SumsMapping
{
    public static SumsData ToData(this EnsembleAccumulator acc)
    {
        EnsembleSums s = acc.Export();
        return new SumsData(s.TimePoints, s.Mag, s.Pur, s.MagSquares, s.PurSquares, s.BlockCounts, s.JnnSum, s.JnnSquareSum);
    }

    public static EnsembleAccumulator ToAccumulator(this SumsData d)
        => EnsembleAccumulator.Import(new EnsembleSums(d.TimePoints, d.Mag, d.Pur, d.MagSquares, d.PurSquares, d.BlockCounts, d.JnnSum, d.JnnSquareSum));
}
