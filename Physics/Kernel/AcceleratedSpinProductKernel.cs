using System.Buffers;
using System.Runtime.InteropServices;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The accelerated spin-product kernel: the same mag, pur and P_i as <see cref="SpinProductKernel"/>
/// to within a proven absolute tolerance, with cosines only for the near pairs.
/// <para>
/// log|P_i(tau)| = sum_k log|cos x_ik|, x_ik = 2 J_ik tau. A pair is far when the rounded x is at
/// most <see cref="FarLimit"/> = x_max; there log cos x = sum_n c_n x^(2n) converges fast
/// (<see cref="LogCosineSeries"/>), so the far pairs of spin i contribute
/// L_i = sum_{n=1}^{M} c_n tau^(2n) S_(i,n) through the power sums S_(i,n) = sum_far (2J_ik)^(2n),
/// and only the near pairs need cosines (<see cref="PeriodicCosine"/>, as in the exact kernel).
/// Because every c_n is negative, the M-term sum overestimates log|P_i| by at most
/// err_i = R_M(x_max) sum_far (x_ik / x_max)^(2M+2), computed from the same sums; so
/// |P_i - P~_i| &lt;= |P~_i| err_i and |P_i^2 - P~_i^2| &lt;= 2 P~_i^2 err_i. A spin whose |P~_i| err_i
/// exceeds a quarter of the tolerance is recomputed as a full product of cosines, so mag is
/// within tolerance/4 and pur within tolerance/2 of the exact values, leaving the rest for rounding.
/// M is the smallest number of terms that makes such recomputation rare (R_M(x_max) at most
/// 1/256 of that quarter).
/// </para>
/// <para>
/// Times are processed in descending |tau|, so the far set only grows and the power sums only
/// gain terms (no subtraction, no cancellation). The sums are kept as sum (2J 2^E)^(2n) with
/// 2^E the power of two that puts s = |tau| 2^-E in [x_max/2, x_max): then every far term is at
/// most 4^n, nothing overflows, and a change of E rescales the sums by powers of two, which is
/// exact. Values below 2^-500 are flushed to 0 as everywhere in the kernels. Arithmetic on the
/// power sums and the series is vectorised (<see cref="PowerSumRowKernel"/>,
/// <see cref="FarSeriesKernel"/>) with the same bits on every <see cref="KernelPath"/>, and so
/// are the near products, in lanes across a window of taus (<see cref="NearProductTable"/>); the
/// advancing of the far set (events by step) and the recomputations are scalar and sequential.
/// </para>
/// <para>
/// Systems of fewer than <see cref="SeriesMinSpins"/> spins (versions 1 to 3;
/// <see cref="SeriesMinSpinsFromVersion4"/> from version 4) are passed to the exact kernel. From
/// version 5 the set-up gives each group of far pairs only the series orders that keep its
/// dropped tail within budget / 256 / (N - 1) (<see cref="SeriesOrderLimits"/>), and every spin's
/// error bound carries budget / 256 for those tails.
/// A result depends on the whole tau list (which pairs were far at its largest |tau| decides
/// the summation order), never on the path: callers that need reproducible bits pass the same
/// grid, as a campaign does. Memory is O(N (M + near pairs)) besides the couplings.
/// </para>
/// </summary>
public static class AcceleratedSpinProductKernel
{
    /// <summary>The default absolute tolerance on mag and pur.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <summary>x_max: pairs with 2 J tau at most this are summed by the series.</summary>
    // 0.5 keeps (2 x_max / pi)^2 near 0.1, so a dozen terms reach 1e-14, while the near pairs stay
    // a handful per spin; the series costs a few vector operations per spin and tau either way.
    public const double FarLimit = 0.5;

    /// <summary>The largest |tau| accepted (2^900): the scaled sums need 2^E to be a normal number.</summary>
    public const double MaxTau = 8.452712498170644e270;

    /// <summary>The smallest non-zero |tau| accepted (2^-900).</summary>
    public const double MinTau = 1.1830521861667747e-271;

    /// <summary>
    /// Below this many spins the kernel (versions 1 to 3) returns the exact kernel's results:
    /// when it was chosen the series' set-up and per-time work cost more than all the cosines
    /// (measured 2 to 7 times slower at N = 2 .. 30 in 1D). The rule depends on N alone, so it is
    /// as fixed as the tolerance, and the exact results are within any tolerance.
    /// </summary>
    public const int SeriesMinSpins = 64;

    /// <summary>
    /// The same threshold from version 4 on. With the near cosines in lanes across the taus the
    /// series costs 0.25 to 0.7 of the exact kernel's rows from 24 to 63 spins and about as much at
    /// 17 to 20 (docs/PERFORMANCE.md); up to 16 spins the exact kernel's time lanes stay faster.
    /// </summary>
    public const int SeriesMinSpinsFromVersion4 = 17;

    private const int MinTerms = 2;
    private const double TermHeadroom = 256.0;

    // Steps of near products filled at a time: the table is N x NearWindow doubles at any T.
    private const int NearWindow = 64;

    // The pair table's budget: pair cosines of a whole window where they fit, fewer steps at a
    // time where they would leave the core's cache (a whole window at N = 800 in 2D was slower).
    internal const int PairTableBytes = 256 * 1024;

    /// <summary>The number of series terms M used for a tolerance.</summary>
    public static int Terms(double tolerance)
    {
        RequireTolerance(tolerance);
        double target = tolerance / 4.0 / TermHeadroom;
        for (int m = MinTerms; m < LogCosineSeries.MaxTerms; m++)
        {
            if (LogCosineSeries.RemainderBound(m, FarLimit) <= target)
            {
                return m;
            }
        }

        return LogCosineSeries.MaxTerms;
    }

    /// <summary>
    /// mag[k] and pur[k] at each tau[k] within <paramref name="tolerance"/> (absolute) of
    /// <see cref="SpinProductKernel.Evaluate(CouplingMatrix, ReadOnlySpan{double}, Span{double}, Span{double}, ReadOnlySpan{int}, Span{double}, KernelPath)"/>.
    /// When <paramref name="spins"/> is not empty, P_i of those spins at each tau go to
    /// spinCurves[s * tau.Length + k], each within tolerance/4.
    /// </summary>
    public static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, double tolerance, KernelPath path)
        => Evaluate(couplings, tau, mag, pur, spins, spinCurves, tolerance, path, SeriesMinSpins);

    /// <summary>
    /// As above, with the exact kernel below <paramref name="seriesMinSpins"/> spins
    /// (<see cref="SeriesMinSpins"/> or <see cref="SeriesMinSpinsFromVersion4"/>, by version) and,
    /// from version 5 on, <paramref name="truncatedSetUp"/>: each chunk of far pairs at the largest
    /// tau adds only the series orders it needs (<see cref="SeriesOrderLimits"/>), and every
    /// spin's error bound carries the dropped tail, at most a 1/256 share of the budget.
    /// </summary>
    public static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, double tolerance, KernelPath path, int seriesMinSpins, bool truncatedSetUp = false)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        if (couplings.N < seriesMinSpins)
        {
            RequireTolerance(tolerance);
            SpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, path);
            return;
        }

        EvaluateBySeries(couplings, tau, mag, pur, spins, spinCurves, tolerance, path, truncatedSetUp);
    }

    /// <summary>The series evaluation at any N (the public entry uses it from <see cref="SeriesMinSpins"/> spins on).</summary>
    internal static void EvaluateBySeries(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, double tolerance, KernelPath path, bool truncatedSetUp = false)
    {
        int n = KernelArguments.Check(couplings, tau, mag, pur, spins, spinCurves, path);
        RequireTolerance(tolerance);
        for (int k = 0; k < tau.Length; k++)
        {
            double a = Math.Abs(tau[k]);
            if (a != 0 && !(a >= MinTau && a <= MaxTau))
            {
                throw new ArgumentOutOfRangeException(nameof(tau), tau[k], $"tau[{k}]: the accelerated kernel takes 0 or |tau| in [2^-900, 2^900]");
            }
        }

        if (tau.Length == 0)
        {
            return;
        }

        int[] order = DescendingOrder(tau);
        using var run = new Run(couplings, tolerance, path, tau, order, truncatedSetUp);
        // The sums over spins of four steps are taken together, each in its own chain: one
        // step's sum is a chain of dependent additions in spin order (its bits), and four
        // independent chains keep the core busy where one waited (about 5% of a 1D realization).
        var p = new double[ReducedTogether][];
        for (int slot = 0; slot < ReducedTogether; slot++)
        {
            p[slot] = new double[run.PaddedCount];
        }

        for (int step = 0; step < order.Length; step++)
        {
            int k = order[step];
            int slot = step % ReducedTogether;
            run.SpinProducts(step, p[slot]);
            for (int s = 0; s < spins.Length; s++)
            {
                spinCurves[(s * tau.Length) + k] = p[slot][spins[s]];
            }

            if (slot == ReducedTogether - 1)
            {
                ReduceFour(p, n, order.AsSpan(step - slot, ReducedTogether), mag, pur);
            }
            else if (step == order.Length - 1)
            {
                for (int last = 0; last <= slot; last++)
                {
                    Reduce(p[last], n, order[step - slot + last], mag, pur);
                }
            }
        }
    }

    private const int ReducedTogether = 4;

    /// <summary>mag[k] and pur[k] of one step: the sum and the sum of squares of P_i in spin order, over N.</summary>
    internal static void Reduce(double[] p, int n, int k, Span<double> mag, Span<double> pur)
    {
        double sum = 0.0;
        double sumOfSquares = 0.0;
        for (int i = 0; i < n; i++)
        {
            sum += p[i];
            sumOfSquares = Math.FusedMultiplyAdd(p[i], p[i], sumOfSquares);
        }

        mag[k] = sum / n;
        pur[k] = sumOfSquares / n;
    }

    // Reduce of four steps at once, every chain with Reduce's operations in its order.
    private static void ReduceFour(double[][] p, int n, ReadOnlySpan<int> k, Span<double> mag, Span<double> pur)
    {
        double[] p0 = p[0];
        double[] p1 = p[1];
        double[] p2 = p[2];
        double[] p3 = p[3];
        double sum0 = 0.0;
        double sum1 = 0.0;
        double sum2 = 0.0;
        double sum3 = 0.0;
        double squares0 = 0.0;
        double squares1 = 0.0;
        double squares2 = 0.0;
        double squares3 = 0.0;
        for (int i = 0; i < n; i++)
        {
            sum0 += p0[i];
            sum1 += p1[i];
            sum2 += p2[i];
            sum3 += p3[i];
            squares0 = Math.FusedMultiplyAdd(p0[i], p0[i], squares0);
            squares1 = Math.FusedMultiplyAdd(p1[i], p1[i], squares1);
            squares2 = Math.FusedMultiplyAdd(p2[i], p2[i], squares2);
            squares3 = Math.FusedMultiplyAdd(p3[i], p3[i], squares3);
        }

        mag[k[0]] = sum0 / n;
        mag[k[1]] = sum1 / n;
        mag[k[2]] = sum2 / n;
        mag[k[3]] = sum3 / n;
        pur[k[0]] = squares0 / n;
        pur[k[1]] = squares1 / n;
        pur[k[2]] = squares2 / n;
        pur[k[3]] = squares3 / n;
    }

    /// <summary>mag and pur on the best path, without spin curves.</summary>
    public static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, double tolerance)
        => Evaluate(couplings, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, tolerance, SpinProductKernel.BestPath);

    internal static void RequireTolerance(double tolerance)
    {
        if (!(tolerance > 0) || double.IsInfinity(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the tolerance must be a positive finite number");
        }
    }

    // Descending |tau|, ties by index, so the order is a function of the list alone. A
    // campaign's grid is strictly monotonic in |tau|, and then the order is read off without a
    // sort (the sort with its comparison delegate was 4% of a 20-spin realization).
    private static int[] DescendingOrder(ReadOnlySpan<double> tau)
    {
        var order = new int[tau.Length];
        bool ascending = true;
        bool descending = true;
        for (int k = 1; k < tau.Length; k++)
        {
            double previous = Math.Abs(tau[k - 1]);
            double current = Math.Abs(tau[k]);
            ascending &= previous < current;
            descending &= previous > current;
        }

        if (ascending || descending)
        {
            for (int k = 0; k < tau.Length; k++)
            {
                order[k] = descending ? k : tau.Length - 1 - k;
            }

            return order;
        }

        var key = new double[tau.Length];
        for (int k = 0; k < tau.Length; k++)
        {
            order[k] = k;
            key[k] = Math.Abs(tau[k]);
        }

        Array.Sort(order, (a, b) => key[a] != key[b] ? key[b].CompareTo(key[a]) : a.CompareTo(b));
        return order;
    }

    /// <summary>The state of one evaluation: power sums and near sets at the current tau.</summary>
    private sealed class Run : IDisposable
    {
        private readonly CouplingMatrix _couplings;
        private readonly KernelPath _path;
        private readonly int _n;
        private readonly int _terms;
        private readonly int _stride;
        private readonly double _budget;
        private readonly double _dropped;
        private readonly double[] _orderLimits;
        private readonly double _remainder;
        private readonly double[] _sums;
        private readonly double[] _a;
        private readonly double[] _coefficients;
        private readonly double[] _bound;
        private readonly NearPairs _near;
        private readonly double[] _tau;
        private readonly int _steps;
        private double[]? _table;
        private double[]? _pairTable;
        private int _activePairs;
        private int _pairWindow;
        private int _activeSpins;
        private int _windowSpins;
        private bool _started;
        private int _exponent;
        private double _scale;

        internal Run(CouplingMatrix couplings, double tolerance, KernelPath path, ReadOnlySpan<double> tau, int[] order, bool truncatedSetUp)
        {
            // The taus in the order of the steps, zeros (all last) left out, padded for the lanes.
            _steps = 0;
            while (_steps < order.Length && tau[order[_steps]] != 0)
            {
                _steps++;
            }

            _tau = new double[((_steps + NearWindow - 1) / NearWindow * NearWindow) + NearWindow];
            for (int m = 0; m < _steps; m++)
            {
                _tau[m] = tau[order[m]];
            }

            _couplings = couplings;
            _path = path;
            _n = couplings.N;
            _terms = Terms(tolerance);
            _budget = tolerance / 4.0;
            // Version 5: a far pair at the set-up leaves out the orders past what keeps its tail
            // within budget / 256 / (N - 1), so a spin's dropped tails stay within budget / 256,
            // the same headroom the number of terms keeps against the budget.
            _dropped = truncatedSetUp ? _budget / TermHeadroom : 0.0;
            _orderLimits = truncatedSetUp && _n > 1 ? SeriesOrderLimits.For(_dropped / (_n - 1), _terms, FarLimit) : [];
            _remainder = LogCosineSeries.RemainderBound(_terms, FarLimit);
            PaddedCount = (_n + CouplingMatrix.RowPadding - 1) / CouplingMatrix.RowPadding * CouplingMatrix.RowPadding;
            // Row passes write one padded chunk past the last spin.
            _stride = _n + (2 * CouplingMatrix.RowPadding);
            // At N = 1300 the sums take 137 kB: renting them keeps one such allocation per
            // realization off the large-object heap, whose collections cost the whole heap.
            int sumsLength = (_terms + 1) * _stride;
            _sums = ArrayPool<double>.Shared.Rent(sumsLength);
            Array.Clear(_sums, 0, sumsLength);
            _a = new double[_terms];
            _coefficients = new double[_terms];
            for (int m = 0; m < _terms; m++)
            {
                _coefficients[m] = LogCosineSeries.Coefficient(m + 1);
            }

            _bound = new double[PaddedCount];
            _near = new NearPairs(_n);
        }

        internal int PaddedCount { get; }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_sums);
            if (_table is not null)
            {
                ArrayPool<double>.Shared.Return(_table);
            }

            if (_pairTable is not null)
            {
                ArrayPool<double>.Shared.Return(_pairTable);
            }
        }

        /// <summary>P_i at step <paramref name="step"/> of the descending taus; steps are taken in order.</summary>
        internal void SpinProducts(int step, double[] p)
        {
            double tau = step < _steps ? _tau[step] : 0.0;
            double tauAbs = Math.Abs(tau);
            if (tauAbs == 0)
            {
                // Every factor is cos(0) = 1 exactly, as in the exact kernel.
                p.AsSpan().Fill(1.0);
                return;
            }

            int exponent = Math.ILogB(tauAbs) + 2;
            if (!_started)
            {
                SetExponent(exponent);
                Start(tauAbs);
                PrepareNearProducts();
                _started = true;
            }
            else if (exponent != _exponent)
            {
                Rescale(exponent - _exponent);
                SetExponent(exponent);
            }

            AdvanceFarSets(step);
            int inWindow = step % NearWindow;
            if (inWindow == 0)
            {
                FillNearWindow(step);
            }

            ReadOnlySpan<double> nearProduct = _table.AsSpan(inWindow * PaddedCount, PaddedCount);
            double s = Math.ScaleB(tauAbs, -_exponent);
            double s2 = s * s;
            double power = s2;
            for (int m = 0; m < _terms; m++)
            {
                _a[m] = _coefficients[m] * power;
                power *= s2;
            }

            // (s / x_max)^(2M+2): the largest far x over x_max is below s / x_max times w <= 1 / s.
            double u2 = (s / FarLimit) * (s / FarLimit);
            double boundFactor = _remainder;
            for (int m = 0; m <= _terms; m++)
            {
                boundFactor *= u2;
            }

            if (!FarSeriesKernel.Run(_path, _sums, _stride, PaddedCount, _a, boundFactor, nearProduct, p, _bound, _dropped, _budget))
            {
                return;
            }

            for (int i = 0; i < _n; i++)
            {
                if (FarSeriesKernel.OverBudget(p[i], _bound[i], _dropped, _budget))
                {
                    p[i] = ExactProduct(i, tau);
                }
            }
        }

        private void SetExponent(int exponent)
        {
            _exponent = exponent;
            _scale = Math.ScaleB(1.0, exponent);
        }

        // The pass over the packed couplings at the largest |tau|: far pairs into the sums, near
        // pairs into the near lists.
        private void Start(double tauAbs)
        {
            Span<double> rowSums = stackalloc double[_terms + 1];
            var nearIndex = new int[_couplings.PaddedRowLength(0)];
            ref double packed = ref MemoryMarshal.GetReference(_couplings.PackedTwoJ);
            ref double sums = ref MemoryMarshal.GetArrayDataReference(_sums);
            for (int i = 0; i < _n; i++)
            {
                ref double row = ref System.Runtime.CompilerServices.Unsafe.Add(ref packed, _couplings.RowOffset(i));
                ref double column = ref System.Runtime.CompilerServices.Unsafe.Add(ref sums, i + 1);
                int nearCount = PowerSumRowKernel.Run(_path, ref row, _couplings.PaddedRowLength(i), tauAbs, FarLimit, _scale, ref column, _stride, rowSums, nearIndex, _orderLimits);
                for (int m = 0; m <= _terms; m++)
                {
                    _sums[(m * _stride) + i] += rowSums[m];
                }

                ReadOnlySpan<double> packedSpan = _couplings.PackedTwoJ;
                for (int j = 0; j < nearCount; j++)
                {
                    _near.Add(i, i + 1 + nearIndex[j], packedSpan[_couplings.RowOffset(i) + nearIndex[j]]);
                }
            }
        }

        // Exact: the stored sums are sums of (2J 2^E)^(2n); a new E multiplies order n by 2^(2n dE).
        // Only the first PaddedCount values of an order are read after the set-up (the rest of the
        // stride took the row pass's column writes past the last spin), so only those are scaled:
        // in 1D the exponent changes at nearly every step, and at 20 spins that is 24 of 36.
        private void Rescale(int deltaExponent)
        {
            for (int m = 0; m <= _terms; m++)
            {
                long shift = 2L * (m + 1) * deltaExponent;
                double factor = shift >= -1022 && shift <= 1023 ? Math.ScaleB(1.0, (int)shift) : (shift > 0 ? double.PositiveInfinity : 0.0);
                UnderflowFlush.ApplyScaled(_path, _sums.AsSpan(m * _stride, PaddedCount), factor);
            }
        }

        // Right after the near sets are known: the step at which each near pair turns far, and
        // from those the turnings by step, so that a step visits only the spins whose far set
        // grows (NearPairs). The near products themselves are filled a window of steps at a time,
        // with the cosines in lanes across the steps (NearProductTable), with the bits of one
        // product per spin and tau.
        private void PrepareNearProducts()
        {
            _near.Prepare(_tau, _steps, FarLimit);
            _activePairs = _near.Count;
            _table = ArrayPool<double>.Shared.Rent(NearWindow * PaddedCount);
            _table.AsSpan(0, NearWindow * PaddedCount).Fill(1.0);
            _pairWindow = NearWindow;
            while (_pairWindow > NearProductTable.Chunk && (long)_near.Count * _pairWindow * sizeof(double) > PairTableBytes)
            {
                _pairWindow /= 2;
            }

            _pairTable = ArrayPool<double>.Shared.Rent(_near.Count * _pairWindow);
            _windowSpins = _n;
        }

        // The pair cosines of _pairWindow steps at a time, and each spin's products of those
        // steps from them, into the table by step (a step's row is the series pass's input as it
        // stands). A spin's entries are 1.0, the product of no factor, from the step where its
        // last near coupling turns far: only the spins with a near coupling in the window are
        // visited (a prefix of NearPairs.SpinOrder), and of the entries the last window wrote, those this
        // one does not are set back to 1.0.
        private void FillNearWindow(int firstStep)
        {
            int previousFirst = firstStep - NearWindow;
            for (int a = 0; a < _windowSpins; a++)
            {
                int i = _near.SpinOrder[a];
                int before = WrittenChunks(i, previousFirst);
                int now = WrittenChunks(i, firstStep);
                for (int step = now * NearProductTable.Chunk; step < before * NearProductTable.Chunk; step++)
                {
                    _table![(step * PaddedCount) + i] = 1.0;
                }
            }

            while (_windowSpins > 0 && _near.SpinEnd[_near.SpinOrder[_windowSpins - 1]] <= firstStep)
            {
                _windowSpins--;
            }

            _activeSpins = _windowSpins;

            for (int offset = 0; offset < NearWindow && firstStep + offset < _steps; offset += _pairWindow)
            {
                int first = firstStep + offset;
                while (_activePairs > 0 && _near.End[_activePairs - 1] <= first)
                {
                    _activePairs--;
                }

                while (_activeSpins > 0 && _near.SpinEnd[_near.SpinOrder[_activeSpins - 1]] <= first)
                {
                    _activeSpins--;
                }

                NearProductTable.FillPairs(_path, _near.Value.AsSpan(0, _activePairs), _near.End, _tau, first, _pairWindow, _pairTable);
                for (int a = 0; a < _activeSpins; a++)
                {
                    int i = _near.SpinOrder[a];
                    NearProductTable.MultiplyColumn(_path, _near.Pairs(i), _near.Ends(i), _pairTable, first, _pairWindow, _table.AsSpan((offset * PaddedCount) + i), PaddedCount);
                }
            }
        }

        // The chunks of a window from firstStep that MultiplyColumn writes for spin i: those
        // before the step where its last near coupling turns far.
        private int WrittenChunks(int i, int firstStep)
        {
            if (firstStep < 0)
            {
                return 0;
            }

            int steps = Math.Min(_near.SpinEnd[i], _steps) - firstStep;
            return steps <= 0 ? 0 : Math.Min(NearWindow, steps + NearProductTable.Chunk - 1) / NearProductTable.Chunk;
        }

        // Moves the couplings that turn far at this step into their spins' sums.
        private void AdvanceFarSets(int step)
        {
            int[] spin = _near.EventSpin;
            double[] value = _near.EventValue;
            for (int e = _near.EventStart[step]; e < _near.EventStart[step + 1]; e++)
            {
                AddPowers(spin[e], value[e] * _scale);
            }
        }

        private void AddPowers(int i, double w)
        {
            double w2 = UnderflowFlush.Apply(w * w);
            double p = w2;
            for (int m = 0; m <= _terms; m++)
            {
                _sums[(m * _stride) + i] += p;
                p = UnderflowFlush.Apply(p * w2);
            }
        }

        // The spin whose bound does not meet the budget: every factor exactly, in spin order.
        private double ExactProduct(int i, double tau)
        {
            double product = 1.0;
            for (int k = 0; k < _n; k++)
            {
                if (k != i)
                {
                    product = UnderflowFlush.Apply(product * PeriodicCosine.Cos(_couplings.TwoJ(i, k) * tau));
                }
            }

            return product;
        }
    }
}
