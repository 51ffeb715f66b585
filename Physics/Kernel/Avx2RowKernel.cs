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
    internal static double Run(ref double twoJ, int paddedLength, double tau, ref double column, bool checkLarge)
    {
        var tauV = Vector256.Create(tau);
        var accLow = Vector256<double>.One;
        var accHigh = Vector256<double>.One;
        for (int m = 0; m < paddedLength; m += 2 * Half)
        {
            var aLow = Vector256.LoadUnsafe(ref twoJ, (nuint)m) * tauV;
            var aHigh = Vector256.LoadUnsafe(ref twoJ, (nuint)(m + Half)) * tauV;
            if (checkLarge)
            {
                aLow = PeriodicCosine.ReduceLargeLanes(aLow);
                aHigh = PeriodicCosine.ReduceLargeLanes(aHigh);
            }

            var cLow = PeriodicCosine.Core(aLow);
            var cHigh = PeriodicCosine.Core(aHigh);
            accLow = UnderflowFlush.Apply(accLow * cLow);
            accHigh = UnderflowFlush.Apply(accHigh * cHigh);
            var pLow = Vector256.LoadUnsafe(ref column, (nuint)m);
            var pHigh = Vector256.LoadUnsafe(ref column, (nuint)(m + Half));
            UnderflowFlush.Apply(pLow * cLow).StoreUnsafe(ref column, (nuint)m);
            UnderflowFlush.Apply(pHigh * cHigh).StoreUnsafe(ref column, (nuint)(m + Half));
        }

        return LaneProduct.Reduce(accLow, accHigh);
    }
}
