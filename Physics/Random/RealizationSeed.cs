namespace Sweep.Physics.Random;

/// <summary>
/// The seed of realization r of grid point (d, alpha, x, N) in a campaign: a hash of exactly
/// these values and nothing else, so any machine, batch or retry draws the same positions.
/// The derivation is documented in docs/seeding.md; changing it changes every stored result.
/// </summary>
public static class RealizationSeed
{
    // Distinguishes this hash from any other use of SplitMix64 on the same numbers.
    private const ulong Domain = 0x5357454550763031UL; // "SWEEPv01"

    /// <summary>The 64-bit seed of one realization.</summary>
    public static ulong Derive(ulong campaignSeed, int d, double alpha, double x, int n, long r)
    {
        ulong h = SplitMix64.Mix(Domain ^ campaignSeed);
        h = SplitMix64.Mix(h ^ (ulong)d);
        h = SplitMix64.Mix(h ^ CanonicalBits(alpha));
        h = SplitMix64.Mix(h ^ CanonicalBits(x));
        h = SplitMix64.Mix(h ^ (ulong)n);
        h = SplitMix64.Mix(h ^ (ulong)r);
        return h;
    }

    /// <summary>The generator of one realization.</summary>
    public static Xoshiro256StarStar Generator(ulong campaignSeed, int d, double alpha, double x, int n, long r)
        => new(Derive(campaignSeed, d, alpha, x, n, r));

    // -0.0 and 0.0 compare equal but differ in bits; map them together so equal inputs give equal seeds.
    private static ulong CanonicalBits(double value) => (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
}
