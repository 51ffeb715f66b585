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
    // The unchecked loop is separate so that it contains no call: a call in the loop makes the
    // JIT spill the accumulator and the constants to the stack on every chunk.
    internal static double Run(ref double twoJ, int paddedLength, double tau, ref double column, bool checkLarge)
        => checkLarge ? RunChecked(ref twoJ, paddedLength, tau, ref column) : RunUnchecked(ref twoJ, paddedLength, tau, ref column);

    private static double RunUnchecked(ref double twoJ, int paddedLength, double tau, ref double column)
    {
        var tauV = Vector512.Create(tau);
        var acc = Vector512<double>.One;
        for (int m = 0; m < paddedLength; m += Vector512<double>.Count)
        {
            var a = Vector512.LoadUnsafe(ref twoJ, (nuint)m) * tauV;
            Step(ref acc, PeriodicCosine.Core(a), ref column, m);
        }

        return LaneProduct.Reduce(acc);
    }

    private static double RunChecked(ref double twoJ, int paddedLength, double tau, ref double column)
    {
        var tauV = Vector512.Create(tau);
        var acc = Vector512<double>.One;
        for (int m = 0; m < paddedLength; m += Vector512<double>.Count)
        {
            var a = PeriodicCosine.ReduceLargeLanes(Vector512.LoadUnsafe(ref twoJ, (nuint)m) * tauV);
            Step(ref acc, PeriodicCosine.Core(a), ref column, m);
        }

        return LaneProduct.Reduce(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector512<double> acc, Vector512<double> c, ref double column, int m)
    {
        acc = UnderflowFlush.Apply(acc * c);
        var p = Vector512.LoadUnsafe(ref column, (nuint)m);
        UnderflowFlush.Apply(p * c).StoreUnsafe(ref column, (nuint)m);
    }
}
