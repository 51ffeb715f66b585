using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The exact spin-product kernel: P_i(tau) = prod_{k != i} cos(2 J_ik tau), and per tau the
/// realization's mag = (1/N) sum_i P_i and pur = (1/N) sum_i P_i^2.
/// <para>
/// Each cosine of the upper triangle serves both spins of its pair: a pass over row i multiplies
/// it into spin i's row product and into the running column products of spins k &gt; i; when the
/// pass reaches row i, spin i's column product is complete, so P_i is final. The arithmetic is
/// fixed by <see cref="ScalarRowKernel"/>, <see cref="LaneProduct"/>, <see cref="PeriodicCosine"/>
/// and <see cref="UnderflowFlush"/>, and every <see cref="KernelPath"/> returns the same bits.
/// Memory is O(N) per tau besides the couplings: time is streamed in small blocks.
/// </para>
/// </summary>
public static class SpinProductKernel
{
    // Taus served per pass over the couplings: a row is read from memory once and reused from L1
    // for all of them, while the block's column products (TauBlock x 8N bytes) still fit in L2.
    // Each tau's arithmetic is independent of the others, so the block size never changes bits.
    private const int TauBlock = 4;

    /// <summary>The fastest path this machine supports.</summary>
    public static KernelPath BestPath
        => IsSupported(KernelPath.Avx512) ? KernelPath.Avx512
        : IsSupported(KernelPath.Avx2) ? KernelPath.Avx2
        : KernelPath.Scalar;

    /// <summary>True when this machine can run the path.</summary>
    public static bool IsSupported(KernelPath path) => path switch
    {
        KernelPath.Scalar => true,
        KernelPath.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        KernelPath.Avx512 => Avx512F.IsSupported,
        _ => false,
    };

    /// <summary>
    /// mag[k] and pur[k] at each tau[k]. When <paramref name="spins"/> is not empty, P_i of those
    /// spins at each tau go to spinCurves[s * tau.Length + k].
    /// </summary>
    public static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
    {
        int n = KernelArguments.Check(couplings, tau, mag, pur, spins, spinCurves, path);
        if (n <= TimeLaneKernel.MaxSpins)
        {
            TimeLaneKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, path);
        }
        else
        {
            EvaluateRows(couplings, tau, mag, pur, spins, spinCurves, path);
        }
    }

    /// <summary>
    /// The row kernel: vector lanes across a spin's later partners, rows read once per block of
    /// taus. Any system size; <see cref="Evaluate(CouplingMatrix, ReadOnlySpan{double}, Span{double}, Span{double}, ReadOnlySpan{int}, Span{double}, KernelPath)"/>
    /// takes it above <see cref="TimeLaneKernel.MaxSpins"/> spins (arguments checked there).
    /// </summary>
    internal static void EvaluateRows(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
    {
        int n = couplings.N;
        int stride = ColumnStride(n);
        // Scratch from the shared pool: small realizations are called millions of times, and
        // their garbage would stop every compute thread at each gen-0 collection.
        double[] rowBound = ArrayPool<double>.Shared.Rent(n);
        double[] columns = ArrayPool<double>.Shared.Rent(TauBlock * stride);
        try
        {
            RowBounds(couplings, rowBound);
            for (int start = 0; start < tau.Length; start += TauBlock)
            {
                var block = tau.Slice(start, Math.Min(TauBlock, tau.Length - start));
                RunBlock(couplings, block, columns, stride, rowBound, path);
                for (int b = 0; b < block.Length; b++)
                {
                    ReadOnlySpan<double> p = columns.AsSpan(b * stride, n);
                    double sum = 0.0;
                    double sumOfSquares = 0.0;
                    foreach (double pi in p)
                    {
                        sum += pi;
                        sumOfSquares = Math.FusedMultiplyAdd(pi, pi, sumOfSquares);
                    }

                    mag[start + b] = sum / n;
                    pur[start + b] = sumOfSquares / n;
                    for (int s = 0; s < spins.Length; s++)
                    {
                        spinCurves[s * tau.Length + start + b] = p[spins[s]];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(columns);
            ArrayPool<double>.Shared.Return(rowBound);
        }
    }

    /// <summary>mag and pur on the best path, without spin curves.</summary>
    public static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur)
        => Evaluate(couplings, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, BestPath);

    /// <summary>P_i of every spin at one tau.</summary>
    public static void SpinProducts(CouplingMatrix couplings, double tau, Span<double> p, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        int n = couplings.N;
        KernelArguments.RequireSpins(n);
        if (p.Length != n)
        {
            throw new ArgumentException($"p has length {p.Length} but there are {n} spins; they must match", nameof(p));
        }

        KernelArguments.RequireFinite([tau]);
        KernelArguments.RequirePath(path);

        int stride = ColumnStride(n);
        var columns = new double[stride];
        var rowBound = new double[n];
        RowBounds(couplings, rowBound);
        RunBlock(couplings, [tau], columns, stride, rowBound, path);
        columns.AsSpan(0, n).CopyTo(p);
    }

    /// <summary>
    /// Leaves P_i(taus[b]) in columns[b * stride + i]. Before row i is processed, that slot holds
    /// the column product of spin i over rows j &lt; i.
    /// </summary>
    private static void RunBlock(CouplingMatrix couplings, ReadOnlySpan<double> taus, Span<double> columns, int stride, double[] rowBound, KernelPath path)
    {
        columns[..(taus.Length * stride)].Fill(1.0);
        ref double packed = ref MemoryMarshal.GetReference(couplings.PackedTwoJ);
        ref double columnBase = ref MemoryMarshal.GetReference(columns);
        for (int i = 0; i < couplings.N; i++)
        {
            ref double row = ref Unsafe.Add(ref packed, couplings.RowOffset(i));
            int length = couplings.PaddedRowLength(i);
            for (int b = 0; b < taus.Length; b++)
            {
                double tau = taus[b];
                ref double own = ref Unsafe.Add(ref columnBase, b * stride + i);
                ref double later = ref Unsafe.Add(ref own, 1);

                // |2J tau| rounds monotonically, so a row whose bound passes needs no per-lane check.
                bool checkLarge = !(rowBound[i] * Math.Abs(tau) <= PeriodicCosine.LargeArgument);
                double rowProduct = path switch
                {
                    KernelPath.Avx512 => Avx512RowKernel.Run(ref row, length, tau, ref later, checkLarge),
                    KernelPath.Avx2 => Avx2RowKernel.Run(ref row, length, tau, ref later, checkLarge),
                    _ => ScalarRowKernel.Run(ref row, length, tau, ref later),
                };
                own = UnderflowFlush.Apply(own * rowProduct);
            }
        }
    }

    /// <summary>max |2J_ik| per row, +infinity if the row holds NaN, for the large-argument gate.</summary>
    private static void RowBounds(CouplingMatrix couplings, Span<double> bound)
    {
        ReadOnlySpan<double> packed = couplings.PackedTwoJ;
        for (int i = 0; i < couplings.N; i++)
        {
            double max = 0.0;
            foreach (double v in packed.Slice(couplings.RowOffset(i), couplings.PaddedRowLength(i)))
            {
                double abs = Math.Abs(v);
                if (!(abs <= max))
                {
                    max = double.IsNaN(abs) ? double.PositiveInfinity : abs;
                }
            }

            bound[i] = max;
        }
    }

    // Room for a row pass to run one padded chunk past the last spin.
    private static int ColumnStride(int n) => n + (2 * CouplingMatrix.RowPadding);
}
