using System.Runtime.CompilerServices;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The reference definition of one row pass, which the vector paths reproduce bit for bit.
/// Row i of the packed couplings holds k = i+1 .. in chunks of 8; element m of the row goes to
/// lane m mod 8. For each element: a = 2J_ik * tau, pre-reduced if large, c = cos(a); the lane
/// accumulator becomes flush(acc * c) and the column product of spin k becomes flush(P_k * c).
/// The lanes then combine by <see cref="LaneProduct"/>. Padding elements are 0, whose factor is
/// exactly 1, so they change nothing.
/// </summary>
internal static class ScalarRowKernel
{
    private const int Lanes = CouplingMatrix.RowPadding;

    /// <summary>
    /// Runs one row at one tau. <paramref name="twoJ"/> is the row's first element,
    /// <paramref name="column"/> the column product of spin i+1 (followed by the later spins and
    /// padding). Returns the product of the row's factors.
    /// </summary>
    internal static double Run(ref double twoJ, int paddedLength, double tau, ref double column)
    {
        Span<double> acc = stackalloc double[Lanes];
        acc.Fill(1.0);
        for (int m = 0; m < paddedLength; m += Lanes)
        {
            for (int l = 0; l < Lanes; l++)
            {
                double c = PeriodicCosine.Cos(Unsafe.Add(ref twoJ, m + l) * tau);
                acc[l] = UnderflowFlush.Apply(acc[l] * c);
                ref double p = ref Unsafe.Add(ref column, m + l);
                p = UnderflowFlush.Apply(p * c);
            }
        }

        return LaneProduct.Reduce(acc);
    }
}
