using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>One row pass on 512-bit vectors: one register holds the 8 lanes of a chunk.</summary>
internal static class Avx512RowKernel
{
    /// <summary>
    /// As <see cref="ScalarRowKernel.Run"/>. <paramref name="checkLarge"/> false promises that
    /// no argument in the row needs the large-argument pre-reduction.
    /// </summary>
    internal static double Run(ref double twoJ, int paddedLength, double tau, ref double column, bool checkLarge)
    {
        var tauV = Vector512.Create(tau);
        var acc = Vector512<double>.One;
        for (int m = 0; m < paddedLength; m += Vector512<double>.Count)
        {
            var a = Vector512.LoadUnsafe(ref twoJ, (nuint)m) * tauV;
            if (checkLarge)
            {
                a = PeriodicCosine.ReduceLargeLanes(a);
            }

            var c = PeriodicCosine.Core(a);
            acc = UnderflowFlush.Apply(acc * c);
            var p = Vector512.LoadUnsafe(ref column, (nuint)m);
            UnderflowFlush.Apply(p * c).StoreUnsafe(ref column, (nuint)m);
        }

        return LaneProduct.Reduce(acc);
    }
}
