using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>One row pass on 256-bit vectors: lanes 0-3 and 4-7 of a chunk in two registers.</summary>
internal static class Avx2RowKernel
{
    private const int Half = 4;

    /// <summary>
    /// As <see cref="ScalarRowKernel.Run"/>. <paramref name="checkLarge"/> false promises that
    /// no argument in the row needs the large-argument pre-reduction.
    /// </summary>
    // The unchecked loop is separate so that it contains no call: a call in the loop makes the
    // JIT spill the accumulators and the constants to the stack on every chunk.
    internal static double Run(ref double twoJ, int paddedLength, double tau, ref double column, bool checkLarge)
        => checkLarge ? RunChecked(ref twoJ, paddedLength, tau, ref column) : RunUnchecked(ref twoJ, paddedLength, tau, ref column);

    private static double RunUnchecked(ref double twoJ, int paddedLength, double tau, ref double column)
    {
        var tauV = Vector256.Create(tau);
        var accLow = Vector256<double>.One;
        var accHigh = Vector256<double>.One;
        for (int m = 0; m < paddedLength; m += 2 * Half)
        {
            var aLow = Vector256.LoadUnsafe(ref twoJ, (nuint)m) * tauV;
            var aHigh = Vector256.LoadUnsafe(ref twoJ, (nuint)(m + Half)) * tauV;
            Step(ref accLow, PeriodicCosine.Core(aLow), ref column, m);
            Step(ref accHigh, PeriodicCosine.Core(aHigh), ref column, m + Half);
        }

        return LaneProduct.Reduce(accLow, accHigh);
    }

    private static double RunChecked(ref double twoJ, int paddedLength, double tau, ref double column)
    {
        var tauV = Vector256.Create(tau);
        var accLow = Vector256<double>.One;
        var accHigh = Vector256<double>.One;
        for (int m = 0; m < paddedLength; m += 2 * Half)
        {
            var aLow = PeriodicCosine.ReduceLargeLanes(Vector256.LoadUnsafe(ref twoJ, (nuint)m) * tauV);
            var aHigh = PeriodicCosine.ReduceLargeLanes(Vector256.LoadUnsafe(ref twoJ, (nuint)(m + Half)) * tauV);
            Step(ref accLow, PeriodicCosine.Core(aLow), ref column, m);
            Step(ref accHigh, PeriodicCosine.Core(aHigh), ref column, m + Half);
        }

        return LaneProduct.Reduce(accLow, accHigh);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector256<double> acc, Vector256<double> c, ref double column, int m)
    {
        acc = UnderflowFlush.Apply(acc * c);
        var p = Vector256.LoadUnsafe(ref column, (nuint)m);
        UnderflowFlush.Apply(p * c).StoreUnsafe(ref column, (nuint)m);
    }
}
