using Sweep.Physics.Couplings;
using Sweep.Physics.Geometry;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The cell kernel (accelerated kernel, version 2): the same mag, pur and P_i as the exact kernel
/// to within a proven absolute tolerance, from positions alone, in O(N) memory: no coupling
/// matrix is ever built.
/// <para>
/// Spins are sorted into a cell grid (<see cref="CellList"/>). Spin i takes its partners from a
/// cube of (2 m_i + 1)^d cells around its own: partners closer than R_i = m_i h enter exactly as
/// in <see cref="AcceleratedSpinProductKernel"/> (near pairs as cosines, far pairs through the
/// power sums of the log-cosine series), partners at R_i or beyond are dropped, and their whole
/// contribution to log|P_i| is bounded from the cell counts. Every dropped pair is far at every
/// tau (R_i is never below the radius where 2 J tau_max reaches x_max), and for 0 &lt;= y &lt;= x_max
/// |log cos y| &lt;= kappa y^2 with kappa = |log cos x_max| / x_max^2, so the dropped pairs lower
/// log|P_i| by at most kappa tau^2 T_i with T_i &gt;= sum over dropped k of (2 J_ik)^2
/// (docs/kernel-bound.md has the proof and the bound on T_i). Together with the series
/// truncation bound of version 1, log|P_i| = log|P~_i| - delta with 0 &lt;= delta &lt;= err_i, so
/// |P_i - P~_i| &lt;= |P~_i| err_i. When that exceeds a quarter of the tolerance the spin's cube is
/// widened (the bound falls as a power of m_i) or, if the series part is the problem, the
/// cube's pairs are multiplied as cosines; at the latest the cube covers the system and the
/// product is the exact one. So mag is within tolerance/4 and pur within tolerance/2.
/// </para>
/// <para>
/// Times run in descending |tau|: the near sets only shrink and the power sums only gain terms.
/// Cubes only grow. Every decision (cell grid, cube sizes, near sets, recomputations) is taken
/// from IEEE-rounded arithmetic on the positions and the tau list in a fixed order, the vector
/// kernels reproduce the scalar definitions bit for bit, and each spin's work is its own, so the
/// result is the same on every <see cref="KernelPath"/> and machine. It depends on the whole tau
/// list, as version 1's does. Memory is O(N (M + near pairs)) plus the grid.
/// </para>
/// <para>
/// Version 3 (<see cref="OneStepVersion"/>, the accelerated kernel's version 3) differs only in
/// how far each spin reaches, never in the bound or its check: it starts from the smallest cube
/// and, still at tau_max, forecasts max |P~_i| tau^2 over the whole tau list from the partners
/// gathered so far, then takes the radius that a uniform ball's tail needs for that in one step,
/// in steps of h/4 (version 2 grows by whole cells, at most doubling, and mostly again at later
/// tau). Its cells hold about 16 spins instead of 8. Partners are gathered once or twice per spin
/// instead of about four times, which halves the time in 3D at alpha = 6 (docs/PERFORMANCE.md).
/// </para>
/// </summary>
public static class CellSpinProductKernel
{
    /// <summary>
    /// From this many spins on, version 2 of the accelerated kernel uses this kernel (below, version
    /// 1's). Measured on one core, T = 200: 3D alpha = 6 at N = 6000 both take about 1 s, at
    /// N = 3000 version 1 is twice as fast; 2D alpha = 4 ties near N = 6000; 1D alpha = 10 already
    /// favours this kernel at N = 3000. Version 1's couplings take 8 N^2 / 2 bytes (270 MB here).
    /// One threshold for every d and alpha keeps the rule a function of N alone.
    /// </summary>
    public const int MinSpins = 8192;

    /// <summary>kappa: an upper bound on |log cos y| / y^2 for 0 &lt; y &lt;= x_max = 0.5 (the value is 0.522336961...).</summary>
    internal const double TailLogBound = 0.52234;

    /// <summary>Spins per cell the grid aims at (in the bulk of the ball).</summary>
    // Fewer per cell fit the cube to the ball of radius R_i better; more make the loop over cells
    // cheaper. 8 was fastest of 2, 4, 8, 16 for 3D, alpha = 6, N = 2 10^4 .. 10^5.
    internal const double SpinsPerCell = 8.0;

    /// <summary>Spins per cell of version 3.</summary>
    // Its cubes are entered once or twice per spin, so fewer, larger cells (a cheaper loop over
    // cells, more distances computed in cells that straddle the radius) pay: for 3D, alpha = 6,
    // N = 65,536, 16 took 0.91 of the time of 8 (4 and 32: 1.16 and 0.95).
    internal const double OneStepSpinsPerCell = 16.0;

    // Margins that cover rounding: distances of a cell's bound are shrunk, tail sums grown.
    private const double DistanceMargin = 1.0 - 1e-6;
    private const double SumMargin = 1.0 + 1e-9;
    private const double NearMargin = 1.0 + 1e-6;

    // Squared box distances are trusted only this far: a cell decision near a radius is left to its spins.
    private const double BoxMargin = 1.0 - 1e-6;

    /// <summary>Layers beyond a spin's cube whose cells enter its tail bound one by one.</summary>
    internal const int ShellLayers = 3;

    /// <summary>The cell kernel's first version (the accelerated kernel's version 2): cubes grow by whole cells, at most doubling per step.</summary>
    public const int FirstVersion = 2;

    /// <summary>
    /// The version (the accelerated kernel's version 3) that takes each spin's radius in one step
    /// at the largest tau, in steps of a quarter cell: from a forecast of max |P~_i| tau^2 over
    /// the later times (<c>PlannedPeak</c>) and a continuum estimate of the dropped pairs' sum
    /// (<c>ContinuumReach</c>). Which partners are dropped changes, so the bits do; the bound and
    /// its check at every tau are version 2's.
    /// </summary>
    public const int OneStepVersion = 3;

    /// <summary>Radii are whole multiples of h / ReachSteps (version 2 takes only multiples of ReachSteps).</summary>
    internal const int ReachSteps = 4;

    /// <summary>
    /// The factor on version 3's continuum estimate of the dropped pairs' sum. The proven bound
    /// (cells bounded at their nearest face) can exceed the estimate; a spin whose bound then
    /// misses the budget at some tau is widened again. For 3D, alpha = 6, N = 65,536, factor 1
    /// left 1,196 of 65,536 spins to widen again and was the fastest of 0.25, 0.5, 1, 2, 4, 8, 32, 128.
    /// </summary>
    internal const double OneStepSafety = 1.0;

    /// <summary>
    /// mag[k] and pur[k] at each tau[k] within <paramref name="tolerance"/> (absolute) of the exact
    /// kernel on the couplings of <paramref name="positions"/> (N consecutive d-tuples in the unit
    /// ball; J_ik = |r_i - r_k|^-alpha, computed as <see cref="Couplings.CouplingMatrix"/> does).
    /// When <paramref name="spins"/> is not empty, P_i of those spins go to
    /// spinCurves[s * tau.Length + k], each within tolerance/4.
    /// </summary>
    public static void Evaluate(ReadOnlySpan<double> positions, int d, double alpha, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, double tolerance, KernelPath path)
        => Evaluate(positions, d, alpha, tau, mag, pur, spins, spinCurves, tolerance, path, FirstVersion);

    /// <summary>
    /// As <see cref="Evaluate(ReadOnlySpan{double}, int, double, ReadOnlySpan{double}, Span{double}, Span{double}, ReadOnlySpan{int}, Span{double}, double, KernelPath)"/>
    /// by version <paramref name="version"/> of the cell kernel: <see cref="FirstVersion"/> (the
    /// accelerated kernel's version 2) or <see cref="OneStepVersion"/> (its version 3). They
    /// differ only in how far each spin's radius reaches, so both meet the same bound.
    /// </summary>
    public static void Evaluate(ReadOnlySpan<double> positions, int d, double alpha, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, double tolerance, KernelPath path, int version)
    {
        RequireVersion(version);
        int n = Check(positions, d, alpha, tau, mag, pur, spins, spinCurves, path);
        AcceleratedSpinProductKernel.RequireTolerance(tolerance);
        if (tau.Length == 0)
        {
            return;
        }

        var run = new Run(positions, d, alpha, tolerance, path, version, tau);
        var p = new double[run.PaddedCount];
        foreach (int k in DescendingOrder(tau))
        {
            run.SpinProducts(tau[k], p);
            AcceleratedSpinProductKernel.Reduce(p, n, k, mag, pur);
            for (int s = 0; s < spins.Length; s++)
            {
                spinCurves[(s * tau.Length) + k] = p[spins[s]];
            }
        }
    }

    /// <summary>Diagnostics of one evaluation: the largest and mean final cube radius in cells, and the cells per dimension.</summary>
    internal static (int MaxCube, double MeanCube, int CellsPerDimension) CubeStatistics(ReadOnlySpan<double> positions, int d, double alpha, ReadOnlySpan<double> tau, double tolerance, int version = FirstVersion)
    {
        RequireVersion(version);
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        Check(positions, d, alpha, tau, mag, pur, [], [], KernelPath.Scalar);
        var run = new Run(positions, d, alpha, tolerance, SpinProductKernel.BestPath, version, tau);
        var p = new double[run.PaddedCount];
        foreach (int k in DescendingOrder(tau))
        {
            run.SpinProducts(tau[k], p);
        }

        return run.Statistics();
    }

    private static void RequireVersion(int version)
    {
        if (version != FirstVersion && version != OneStepVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"the cell kernel has versions {FirstVersion} and {OneStepVersion}");
        }
    }

    private static int Check(ReadOnlySpan<double> positions, int d, double alpha, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
    {
        if (d < 1 || d > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3");
        }

        if (positions.Length % d != 0 || positions.Length == 0)
        {
            throw new ArgumentException("positions must hold N >= 1 d-tuples", nameof(positions));
        }

        foreach (double x in positions)
        {
            if (!(Math.Abs(x) <= 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(positions), x, "every coordinate must lie in [-1, 1] (the unit ball)");
            }
        }

        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a positive finite number");
        }

        int n = positions.Length / d;
        if (mag.Length != tau.Length || pur.Length != tau.Length)
        {
            throw new ArgumentException($"mag and pur must have tau's length {tau.Length}", nameof(mag));
        }

        if (spinCurves.Length != (long)spins.Length * tau.Length)
        {
            throw new ArgumentException($"spinCurves has length {spinCurves.Length} but must hold spins.Length x tau.Length = {(long)spins.Length * tau.Length}", nameof(spinCurves));
        }

        foreach (int s in spins)
        {
            if (s < 0 || s >= n)
            {
                throw new ArgumentOutOfRangeException(nameof(spins), s, $"spin index must lie in [0, {n})");
            }
        }

        KernelArguments.RequireFinite(tau);
        KernelArguments.RequirePath(path);
        for (int k = 0; k < tau.Length; k++)
        {
            double a = Math.Abs(tau[k]);
            if (a != 0 && !(a >= AcceleratedSpinProductKernel.MinTau && a <= AcceleratedSpinProductKernel.MaxTau))
            {
                throw new ArgumentOutOfRangeException(nameof(tau), tau[k], $"tau[{k}]: the accelerated kernel takes 0 or |tau| in [2^-900, 2^900]");
            }
        }

        return n;
    }

    // Descending |tau|, ties by index, so the order is a function of the list alone.
    private static int[] DescendingOrder(ReadOnlySpan<double> tau)
    {
        var order = new int[tau.Length];
        var key = new double[tau.Length];
        for (int k = 0; k < tau.Length; k++)
        {
            order[k] = k;
            key[k] = Math.Abs(tau[k]);
        }

        Array.Sort(order, (a, b) => key[a] != key[b] ? key[b].CompareTo(key[a]) : a.CompareTo(b));
        return order;
    }

    /// <summary>The state of one evaluation.</summary>
    private sealed class Run
    {
        private readonly CellList _cells;
        private readonly KernelPath _path;
        private readonly int _n;
        private readonly int _d;
        private readonly double _alpha;
        private readonly bool _integerAlpha;
        private readonly int _tailExponent;
        private readonly int _terms;
        private readonly int _stride;
        private readonly double _budget;
        private readonly double _remainder;
        private readonly double[] _sums;
        private readonly double[] _tail;
        // Each spin's radius in steps of h / ReachSteps; its cube is the smallest that holds it.
        private readonly int[] _reach;
        private readonly bool _oneStep;

        // Version 3: the |tau| of the list in descending order, and a_n(|tau|) for each, at tau_max's scale.
        private readonly double[] _plan;
        private readonly int _planCount;
        private double[] _planA = [];

        // OutsideBound by (cell, cube) at the present scale: it depends on nothing else, and the
        // spins of a cell mostly ask for the same few cubes.
        private readonly Dictionary<long, double> _outside = [];
        private readonly int[] _slotOf;
        private readonly double[] _a;
        private readonly double[] _nearProduct;
        private readonly double[] _bound;
        private readonly int[] _nearStart;
        private readonly int[] _nearEnd;
        private readonly double[] _rowSums;
        private readonly double[] _cellWeight;
        private readonly double[] _nearGap2;
        private readonly double[] _farGap2;
        private double[] _nearValues = [];
        private double[] _buffer = new double[64];
        private double[] _runR = new double[64];
        private double[] _runTwoJ = new double[64];
        private int[] _nearIndex = new int[64];
        private int _minCube;
        private bool _started;
        private int _exponent;
        private double _scale;

        internal Run(ReadOnlySpan<double> positions, int d, double alpha, double tolerance, KernelPath path, int version, ReadOnlySpan<double> tau)
        {
            _oneStep = version == OneStepVersion;
            _plan = new double[_oneStep ? tau.Length : 0];
            if (_oneStep)
            {
                foreach (int k in DescendingOrder(tau))
                {
                    _plan[_planCount++] = Math.Abs(tau[k]);
                }
            }

            _d = d;
            _alpha = alpha;
            _integerAlpha = alpha == Math.Floor(alpha) && alpha <= 64;
            // floor(2 alpha) - d <= 2 alpha - d: the predicted growth of a cube is then never too small.
            _tailExponent = Math.Max(1, (int)Math.Floor(2.0 * alpha) - d);
            _path = path;
            _n = positions.Length / d;
            _cells = new CellList(positions, d, CellList.CellsPerDimension(d, _n, _oneStep ? OneStepSpinsPerCell : SpinsPerCell));
            _terms = AcceleratedSpinProductKernel.Terms(tolerance);
            _budget = tolerance / 4.0;
            _remainder = LogCosineSeries.RemainderBound(_terms, AcceleratedSpinProductKernel.FarLimit);
            PaddedCount = (_n + SpinPowerSumKernel.Lanes - 1) / SpinPowerSumKernel.Lanes * SpinPowerSumKernel.Lanes;
            _stride = PaddedCount;
            _sums = new double[(_terms + 1) * _stride];
            _tail = new double[_n];
            _reach = new int[_n];
            _slotOf = new int[_n];
            for (int s = 0; s < _n; s++)
            {
                _slotOf[_cells.Spin[s]] = s;
            }

            _a = new double[_terms];
            _nearProduct = new double[PaddedCount];
            _nearProduct.AsSpan().Fill(1.0);
            _bound = new double[PaddedCount];
            _nearStart = new int[_n];
            _nearEnd = new int[_n];
            _rowSums = new double[_terms + 1];
            _cellWeight = new double[Math.Min((3L * (_cells.G + 1) * (_cells.G + 1)) + 1, 1 << 20)];
            _nearGap2 = new double[_cells.Extent[0]];
            _farGap2 = new double[_cells.Extent[0]];
        }

        internal int PaddedCount { get; }

        internal (int MaxCube, double MeanCube, int CellsPerDimension) Statistics()
        {
            long total = 0;
            int max = 0;
            foreach (int q in _reach)
            {
                total += q;
                max = Math.Max(max, CubeOf(q));
            }

            return (max, (double)total / ReachSteps / _n, _cells.G);
        }

        /// <summary>P_i at tau; each call's |tau| must not exceed the previous one's.</summary>
        internal void SpinProducts(double tau, double[] p)
        {
            double tauAbs = Math.Abs(tau);
            if (tauAbs == 0)
            {
                p.AsSpan().Fill(1.0);
                return;
            }

            int exponent = Math.ILogB(tauAbs) + 2;
            if (!_started)
            {
                SetExponent(exponent);
                Start(tauAbs);
                _started = true;
            }
            else if (exponent != _exponent)
            {
                Rescale(exponent - _exponent);
                SetExponent(exponent);
            }

            for (int i = 0; i < _n; i++)
            {
                _nearProduct[i] = NearProduct(i, tau, tauAbs);
            }

            double s = Math.ScaleB(tauAbs, -_exponent);
            double s2 = s * s;
            double power = s2;
            for (int m = 0; m < _terms; m++)
            {
                _a[m] = LogCosineSeries.Coefficient(m + 1) * power;
                power *= s2;
            }

            double u2 = (s / AcceleratedSpinProductKernel.FarLimit) * (s / AcceleratedSpinProductKernel.FarLimit);
            double boundFactor = _remainder;
            for (int m = 0; m <= _terms; m++)
            {
                boundFactor *= u2;
            }

            double tailFactor = TailLogBound * s2;
            // The cell kernel's test adds the tail's bound, so the pass's own test is not asked for.
            _ = FarSeriesKernel.Run(_path, _sums, _stride, PaddedCount, _a, boundFactor, _nearProduct, p, _bound, 0.0, double.PositiveInfinity);
            for (int i = 0; i < _n; i++)
            {
                double err = _bound[i] + (tailFactor * _tail[i]);
                if (Math.Abs(p[i]) * err > _budget)
                {
                    p[i] = Settle(i, tau, boundFactor, tailFactor, p[i]);
                }
            }
        }

        private void SetExponent(int exponent)
        {
            _outside.Clear();
            _exponent = exponent;
            _scale = Math.ScaleB(1.0, exponent);
        }

        // The radius of a reach q (in steps of h / ReachSteps); q = ReachSteps m gives m h bit for bit.
        private double Radius(int q) => CubeOf(q) >= _cells.G ? double.PositiveInfinity : q * (_cells.H / ReachSteps);

        // The smallest cube that holds the radius of reach q.
        private int CubeOf(int q) => Math.Min((q + ReachSteps - 1) / ReachSteps, _cells.G);

        private double TwoJ(double dist2, double r) => 2.0 * (_integerAlpha ? 1.0 / IntegerPower.Of(r, (int)_alpha) : Math.Pow(dist2, -0.5 * _alpha));

        // 1 / rho^alpha for a distance bound rho, rounded the same way everywhere.
        private double InversePower(double rho) => _integerAlpha ? 1.0 / IntegerPower.Of(rho, (int)_alpha) : Math.Pow(rho, -_alpha);

        // The set-up at the largest |tau|: the smallest cube whose outside is far, then each spin's pass.
        private void Start(double tauAbs)
        {
            // Outside cube m every partner is at least m h away; it must be far even at tau_max.
            _minCube = 1;
            while (_minCube < _cells.G && !(2.0 * tauAbs * NearMargin * InversePower(_minCube * _cells.H * DistanceMargin) <= AcceleratedSpinProductKernel.FarLimit))
            {
                _minCube++;
            }

            // Version 2: nearly every spin needs about twice the smallest cube at tau_max, and
            // starting there saves a widening pass for most. Version 3 starts from the smallest
            // and takes the rest in one step.
            int startCube = Math.Min(_cells.G, _oneStep ? _minCube : 2 * _minCube);
            int startReach = ReachSteps * startCube;

            var near = new List<double>();
            Span<int> cell = stackalloc int[3];
            if (_oneStep)
            {
                PlanCoefficients();
            }

            for (int slot = 0; slot < _n; slot++)
            {
                int i = _cells.Spin[slot];
                _cells.CellOfSlot(slot, cell);
                int count = Gather(slot, cell, startCube, 0.0, Radius(startReach), out double inCubeTail);
                int nearCount = SpinPowerSumKernel.Run(_path, _buffer.AsSpan(0, count), tauAbs, AcceleratedSpinProductKernel.FarLimit, _scale, _rowSums, EnsureNearIndex(count));
                for (int m = 0; m <= _terms; m++)
                {
                    _sums[(m * _stride) + i] = _rowSums[m];
                }

                int start = near.Count;
                for (int j = 0; j < nearCount; j++)
                {
                    near.Add(_buffer[_nearIndex[j]]);
                }

                near.Sort(start, nearCount, null);
                _nearStart[i] = start;
                _nearEnd[i] = start + nearCount;
                _reach[i] = startReach;
                int reach = _oneStep ? ContinuumReach(startReach, TailLogBound * PlannedPeak(near, start, nearCount), _budget / 2.0) : startReach;
                if (reach > startReach)
                {
                    Widen(i, slot, cell, reach);
                }
                else
                {
                    _tail[i] = (inCubeTail + OutsideBound(cell, startCube)) * SumMargin;
                }
            }

            _nearValues = near.ToArray();
        }

        // a_n = c_n s^(2n) for every |tau| of the plan, s = |tau| 2^-E at tau_max's scale.
        private void PlanCoefficients()
        {
            _planA = new double[_planCount * _terms];
            for (int k = 0; k < _planCount; k++)
            {
                double sk = Math.ScaleB(_plan[k], -_exponent);
                double s2 = sk * sk;
                double power = s2;
                for (int n = 0; n < _terms; n++)
                {
                    _planA[(k * _terms) + n] = LogCosineSeries.Coefficient(n + 1) * power;
                    power *= s2;
                }
            }
        }

        /// <summary>
        /// Version 3's forecast, at tau_max, of max over the later times of |P~_i(tau)| s^2
        /// (s = |tau| 2^-E): P~_i from the partners gathered so far (the near ones as cosines at
        /// every tau, the far ones through the power sums in <see cref="_rowSums"/>). The rest of
        /// the partners changes log P~_i by less than the start cube's tail, so this is close to
        /// what the final cube gives. Times stop once s^2 cannot beat the peak (|P~_i| &lt;= 1).
        /// It only chooses a radius; the bound is checked at every tau.
        /// </summary>
        private double PlannedPeak(List<double> near, int start, int count)
        {
            double peak = 0.0;
            for (int k = 0; k < _planCount; k++)
            {
                double sk = Math.ScaleB(_plan[k], -_exponent);
                double s2 = sk * sk;
                if (s2 <= peak)
                {
                    break;
                }

                double l = 0.0;
                for (int n = _terms - 1; n >= 0; n--)
                {
                    l = Math.FusedMultiplyAdd(_planA[(k * _terms) + n], _rowSums[n], l);
                }

                double product = FlushedExp.Apply(l);
                for (int j = start; j < start + count; j++)
                {
                    product *= PeriodicCosine.Cos(near[j] * _plan[k]);
                }

                peak = Math.Max(peak, Math.Abs(product) * s2);
            }

            return peak;
        }

        /// <summary>
        /// The smallest reach q &gt;= <paramref name="from"/> (at most the whole grid) with
        /// weight E(R_q) &lt;= target, where E(R) = 4 N d R^(d - 2 alpha) / (2 alpha - d) 2^(2E) is the
        /// sum of (2J 2^E)^2 beyond R in a uniform ball of density N / V_d, times
        /// <see cref="OneStepSafety"/>. It does not depend on how loose the bound of a small cube
        /// is, so a spin reaches its final radius in one step; the proven bound is then checked as
        /// in version 2.
        /// </summary>
        private int ContinuumReach(int from, double weight, double target)
        {
            int qMax = ReachSteps * _cells.G;
            int exponent = (2 * (int)_alpha) - _d;
            double power = (2.0 * _alpha) - _d;
            double constant = weight * (_scale * _scale) * OneStepSafety * 4.0 * _n * _d / power;
            double step = _cells.H / ReachSteps;
            if (from >= qMax || !double.IsFinite(constant) || !(power > 0))
            {
                return Math.Max(from, qMax);
            }

            bool Enough(int reach)
            {
                double r = reach * step;
                double decay = _integerAlpha ? 1.0 / IntegerPower.Of(r, exponent) : Math.Pow(r, -power);
                return constant * decay <= target;
            }

            // A first guess from the closed form; the result is the smallest q that passes, whatever the guess.
            double guess = Math.Ceiling(Math.Pow(constant / target, 1.0 / power) / step);
            int q = !(guess < qMax) ? qMax : Math.Max(from, (int)guess);
            while (q > from && Enough(q - 1))
            {
                q--;
            }

            while (q < qMax && !Enough(q))
            {
                q++;
            }

            return q;
        }

        // Version 3's widening of a settled spin: by the continuum estimate for its present |P~_i|
        // and tau; where that asks for no growth, by the version-2 rule on the bound's own excess.
        private int OneStepReach(int q, double pTailFactor, double target, double excess)
        {
            int next = ContinuumReach(q + 1, pTailFactor, target);
            return next > q + 1 || ReachSteps * _cells.G <= q + 1 ? next : NextCube(q, excess, ReachSteps * _cells.G);
        }

        private Span<int> EnsureNearIndex(int count)
        {
            if (_nearIndex.Length < count)
            {
                _nearIndex = new int[Math.Max(count, 2 * _nearIndex.Length)];
            }

            return _nearIndex;
        }

        /// <summary>
        /// Fills the buffer with 2J of the partners in cube m with rLow &lt;= r &lt; rHigh (cells z, y, x
        /// ascending, spins ascending within a cell), padded with zeros to a multiple of 8, and returns
        /// the padded count. <paramref name="tail"/> gets an upper bound on sum (2J 2^E)^2 over the
        /// partners in the cube at rHigh or beyond: a cell whose box is at least rHigh away adds its
        /// count times the value at the box distance, other cells add their partners' own values.
        /// Cells entirely closer than rLow are skipped: their partners were gathered before.
        /// </summary>
        private int Gather(int self, ReadOnlySpan<int> cell, int m, double rLow, double rHigh, out double tail)
        {
            tail = 0.0;
            double cellTail = 0.0;
            int count = 0;
            ReadOnlySpan<double> pos = _cells.Positions;
            int d = _d;
            double h = _cells.H;
            int g0 = _cells.Extent[0], g1 = _cells.Extent[1], g2 = _cells.Extent[2];
            int x0 = Math.Max(cell[0] - m, 0), x1 = Math.Min(cell[0] + m, g0 - 1);
            int y0 = Math.Max(cell[1] - m, 0), y1 = Math.Min(cell[1] + m, g1 - 1);
            int z0 = Math.Max(cell[2] - m, 0), z1 = Math.Min(cell[2] + m, g2 - 1);
            double px = pos[self * d];
            double py = d > 1 ? pos[(self * d) + 1] : 0.0;
            double pz = d > 2 ? pos[(self * d) + 2] : 0.0;
            double high2 = rHigh * rHigh;
            double low2 = rLow * rLow;
            // The x gaps are the same for every row: computed once per gather, not once per cell.
            Span<double> near2X = _nearGap2.AsSpan(0, g0);
            Span<double> far2X = _farGap2.AsSpan(0, g0);
            for (int x = x0; x <= x1; x++)
            {
                var (gx, fx) = Gaps(px, x, h);
                near2X[x] = gx * gx;
                far2X[x] = fx * fx;
            }

            for (int z = z0; z <= z1; z++)
            {
                var (gz, fz) = d > 2 ? Gaps(pz, z, h) : (0.0, 0.0);
                for (int y = y0; y <= y1; y++)
                {
                    // Empty cells add nothing, so only the row's occupied columns are visited.
                    var (occupiedFirst, occupiedLast) = _cells.OccupiedColumns((z * g1) + y);
                    int xa = Math.Max(x0, occupiedFirst), xb = Math.Min(x1, occupiedLast);
                    if (xa > xb)
                    {
                        continue;
                    }

                    var (gy, fy) = d > 1 ? Gaps(py, y, h) : (0.0, 0.0);
                    double near2 = (gz * gz) + (gy * gy);
                    double far2 = (fz * fz) + (fy * fy);
                    int row = ((z * g1) + y) * g0;
                    int runFirst = -1, runLast = -1;
                    for (int x = xa; x <= xb; x++)
                    {
                        int first = _cells.Start(row + x);
                        int last = _cells.End(row + x);
                        if (first == last)
                        {
                            continue;
                        }

                        double min2 = near2 + near2X[x];
                        bool bounded = min2 * BoxMargin >= high2;
                        bool gathered = (far2 + far2X[x]) * (2.0 - BoxMargin) < low2;
                        if (bounded || gathered)
                        {
                            if (bounded)
                            {
                                cellTail += (last - first) * CellWeight2(min2 * (DistanceMargin * DistanceMargin));
                            }

                            if (runFirst >= 0)
                            {
                                count = GatherRun(self, runFirst, runLast, px, py, pz, rLow, rHigh, count, ref tail);
                                runFirst = -1;
                            }

                            continue;
                        }

                        if (runFirst < 0)
                        {
                            runFirst = first;
                        }

                        runLast = last;
                    }

                    if (runFirst >= 0)
                    {
                        count = GatherRun(self, runFirst, runLast, px, py, pz, rLow, rHigh, count, ref tail);
                    }
                }
            }

            tail += cellTail * (_scale * _scale);
            int padded = (count + SpinPowerSumKernel.Lanes - 1) / SpinPowerSumKernel.Lanes * SpinPowerSumKernel.Lanes;
            _buffer.AsSpan(count, padded - count).Clear();
            return padded;
        }

        // The spins of slots first .. last - 1 (consecutive cells of a row), in slot order.
        private int GatherRun(int self, int first, int last, double px, double py, double pz, double rLow, double rHigh, int count, ref double tail)
        {
            int length = last - first;
            if (count + length + SpinPowerSumKernel.Lanes > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, count + length + SpinPowerSumKernel.Lanes));
            }

            if (_runR.Length < length)
            {
                _runR = new double[Math.Max(length, 2 * _runR.Length)];
                _runTwoJ = new double[_runR.Length];
            }

            Span<double> r = _runR.AsSpan(0, length);
            Span<double> twoJ = _runTwoJ.AsSpan(0, length);
            if (_integerAlpha)
            {
                PairCouplingRun.Run(_path, _d, (int)_alpha, _cells.X, _cells.Y, _cells.Z, first, last, px, py, pz, r, twoJ);
            }
            else
            {
                ReadOnlySpan<double> pos = _cells.Positions;
                for (int k = first; k < last; k++)
                {
                    // The same operations in the same order as CouplingMatrix, so 2J has its bits.
                    double delta = px - pos[k * _d];
                    double dist2 = delta * delta;
                    if (_d > 1)
                    {
                        delta = py - pos[(k * _d) + 1];
                        dist2 += delta * delta;
                    }

                    if (_d > 2)
                    {
                        delta = pz - pos[(k * _d) + 2];
                        dist2 += delta * delta;
                    }

                    r[k - first] = Math.Sqrt(dist2);
                    twoJ[k - first] = 2.0 * Math.Pow(dist2, -0.5 * _alpha);
                }
            }

            return RunClassifier.Run(_path, r, twoJ, self - first, rLow, rHigh, _scale, _buffer, count, ref tail);
        }

        // The distance along one axis from a coordinate to the nearest and the farthest face of cell c.
        private static (double Near, double Far) Gaps(double p, int c, double h)
        {
            double lo = -1.0 + (c * h);
            double hi = lo + h;
            double near = p < lo ? lo - p : (p > hi ? p - hi : 0.0);
            return (near, Math.Max(Math.Abs(p - lo), Math.Abs(p - hi)));
        }

        // (2 / rho^alpha)^2 = 4 / (rho^2)^alpha for a squared distance bound rho^2, without the scale.
        private double CellWeight2(double rho2) => 4.0 / (_integerAlpha ? IntegerPower.Of(rho2, (int)_alpha) : Math.Pow(rho2, _alpha));

        /// <summary>
        /// An upper bound on sum (2J 2^E)^2 over the spins outside cube m. The cells of the next
        /// <see cref="ShellLayers"/> layers are bounded one by one: a spin in the cell at integer
        /// offset o from the own cell is at least h sqrt(sum_c max(|o_c| - 1, 0)^2) away. Beyond,
        /// the spins of Chebyshev layer j (cells exactly j away) are at least (j - 1) h away, counted
        /// by the prefix table, until the rest, all at least j h away, adds less than 2^-20 of the sum.
        /// </summary>
        private double OutsideBound(ReadOnlySpan<int> cell, int m)
        {
            if (m >= _cells.G)
            {
                return 0.0;
            }

            long key = ((((((long)cell[2] * _cells.Extent[1]) + cell[1]) * _cells.Extent[0]) + cell[0]) * (_cells.G + 1)) + m;
            if (!_outside.TryGetValue(key, out double bound))
            {
                bound = OutsideBoundOf(cell, m);
                _outside[key] = bound;
            }

            return bound;
        }

        private double OutsideBoundOf(ReadOnlySpan<int> cell, int m)
        {
            int outer = Math.Min(m + ShellLayers, _cells.G);
            double total = ShellBound(cell, m, outer);
            int inside = _cells.CountInCube(cell, outer);
            for (int j = outer + 1; ; j++)
            {
                int rest = _n - inside;
                if (rest == 0 || j > _cells.G)
                {
                    return total;
                }

                double wRest = 2.0 * InversePower((j - 1) * _cells.H * DistanceMargin) * _scale;
                double restBound = rest * (wRest * wRest);
                if (restBound <= total * 9.5367431640625e-7)
                {
                    return total + restBound;
                }

                int upTo = _cells.CountInCube(cell, j);
                int layer = upTo - inside;
                inside = upTo;
                if (layer > 0)
                {
                    total += layer * (wRest * wRest);
                }
            }
        }

        // Sum over the cells with Chebyshev offset in (m, outer] of count * (2 / dmin^alpha 2^E)^2.
        private double ShellBound(ReadOnlySpan<int> cell, int m, int outer)
        {
            double sum = 0.0;
            int g0 = _cells.Extent[0], g1 = _cells.Extent[1], g2 = _cells.Extent[2];
            int z0 = Math.Max(cell[2] - outer, 0), z1 = Math.Min(cell[2] + outer, g2 - 1);
            int y0 = Math.Max(cell[1] - outer, 0), y1 = Math.Min(cell[1] + outer, g1 - 1);
            for (int z = z0; z <= z1; z++)
            {
                int oz = Math.Abs(z - cell[2]);
                for (int y = y0; y <= y1; y++)
                {
                    int oy = Math.Abs(y - cell[1]);
                    // Empty cells add nothing: the row's empty ends are not visited.
                    var (first, last) = _cells.OccupiedColumns((z * g1) + y);
                    if (first > last)
                    {
                        continue;
                    }

                    int row = ((z * g1) + y) * g0;
                    int k0 = Gap(oz) + Gap(oy);
                    if (oz > m || oy > m)
                    {
                        sum += RowBound(row, Math.Max(cell[0] - outer, first), Math.Min(cell[0] + outer, last), cell[0], k0);
                    }
                    else
                    {
                        sum += RowBound(row, Math.Max(cell[0] - outer, first), Math.Min(cell[0] - m - 1, last), cell[0], k0);
                        sum += RowBound(row, Math.Max(cell[0] + m + 1, first), Math.Min(cell[0] + outer, last), cell[0], k0);
                    }
                }
            }

            return sum * (_scale * _scale);

            static int Gap(int offset) => offset > 1 ? (offset - 1) * (offset - 1) : 0;
        }

        private double RowBound(int row, int from, int to, int centre, int k0)
        {
            from = Math.Max(from, 0);
            to = Math.Min(to, _cells.Extent[0] - 1);
            double sum = 0.0;
            for (int x = from; x <= to; x++)
            {
                int count = _cells.End(row + x) - _cells.Start(row + x);
                if (count > 0)
                {
                    int ox = Math.Abs(x - centre);
                    int k = k0 + (ox > 1 ? (ox - 1) * (ox - 1) : 0);
                    sum += count * CellWeight(k);
                }
            }

            return sum;
        }

        // (2 / (h sqrt(k))^alpha)^2 without the scale, cached by k; k >= 1 outside any cube.
        private double CellWeight(int k)
        {
            if (k < _cellWeight.Length)
            {
                double cached = _cellWeight[k];
                if (cached == 0.0)
                {
                    double w = 2.0 * InversePower(_cells.H * Math.Sqrt(k) * DistanceMargin);
                    cached = w * w;
                    _cellWeight[k] = cached;
                }

                return cached;
            }

            double v = 2.0 * InversePower(_cells.H * Math.Sqrt(k) * DistanceMargin);
            return v * v;
        }

        // Exact: the stored sums are sums of (2J 2^E)^(2n); a new E multiplies order n by 2^(2n dE).
        private void Rescale(int deltaExponent)
        {
            for (int m = 0; m <= _terms; m++)
            {
                double factor = Factor(2L * (m + 1) * deltaExponent);
                Span<double> order = _sums.AsSpan(m * _stride, _stride);
                for (int i = 0; i < order.Length; i++)
                {
                    order[i] = UnderflowFlush.Apply(order[i] * factor);
                }
            }

            double tailFactor = Factor(2L * deltaExponent);
            for (int i = 0; i < _n; i++)
            {
                // A bound may round up, never down: a flushed tail is kept at the threshold.
                double t = _tail[i] * tailFactor;
                _tail[i] = t == 0.0 || Math.Abs(t) >= UnderflowFlush.Threshold ? t : UnderflowFlush.Threshold;
            }

            static double Factor(long shift) => shift >= -1022 && shift <= 1023 ? Math.ScaleB(1.0, (int)shift) : (shift > 0 ? double.PositiveInfinity : 0.0);
        }

        private double NearProduct(int i, double tau, double tauAbs)
        {
            int first = _nearStart[i];
            int end = _nearEnd[i];
            while (first < end && _nearValues[first] * tauAbs <= AcceleratedSpinProductKernel.FarLimit)
            {
                AddPowers(i, _nearValues[first] * _scale);
                first++;
            }

            _nearStart[i] = first;
            double product = 1.0;
            for (int j = first; j < end; j++)
            {
                product = UnderflowFlush.Apply(product * PeriodicCosine.Cos(_nearValues[j] * tau));
            }

            return product;
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

        /// <summary>
        /// The spin whose bound misses the budget: widen its cube while the dropped pairs are the
        /// problem; if the series is, multiply the cube's pairs as cosines. Returns the new P_i.
        /// </summary>
        private double Settle(int i, double tau, double boundFactor, double tailFactor, double p)
        {
            int slot = _slotOf[i];
            Span<int> cell = stackalloc int[3];
            _cells.CellOfSlot(slot, cell);
            double half = _budget / 2.0;
            bool exact = false;
            double bound = _bound[i];
            while (true)
            {
                double tailErr = tailFactor * _tail[i];
                if (Math.Abs(p) * (bound + tailErr) <= _budget || (exact && Math.Abs(p) * tailErr <= _budget))
                {
                    return p;
                }

                if (Math.Abs(p) * tailErr > half || (!exact && Math.Abs(p) * bound <= half))
                {
                    double target = Math.Max(half, _budget - (Math.Abs(p) * bound));
                    double excess = Math.Abs(p) * tailErr / target;
                    Widen(i, slot, cell, _oneStep ? OneStepReach(_reach[i], Math.Abs(p) * tailFactor, target, excess) : NextReach(_reach[i], excess));
                }
                else
                {
                    exact = true;
                }

                if (exact)
                {
                    p = CubeProduct(slot, cell, _reach[i], tau);
                }
                else
                {
                    (p, bound) = FarSeriesKernel.Spin(_sums, _stride, i, _a, boundFactor, _nearProduct[i]);
                }
            }
        }

        // Version 2 widens by whole cells.
        private int NextReach(int q, double excess) => ReachSteps * NextCube(q / ReachSteps, excess, _cells.G);

        // The smallest m' > m with (m' / m)^(floor(2 alpha) - d) >= excess, at most 2 m and at most
        // limit: the tail outside a radius falls about as R^-(2 alpha - d).
        private int NextCube(int m, double excess, int limit)
        {
            int next = m + 1;
            // At most doubling: the bound of a small cube is loose, and a prediction from it overshoots.
            int cap = 2 * m;
            while (next < limit && next < cap && IntegerPower.Of((double)next / m, _tailExponent) < excess)
            {
                next++;
            }

            return Math.Min(next, limit);
        }

        // Adds the partners between the old and the new radius to the power sums (all far, at the
        // current scale) and recomputes the tail bound for the new cube.
        private void Widen(int i, int slot, ReadOnlySpan<int> cell, int q)
        {
            int m = CubeOf(q);
            int count = Gather(slot, cell, m, Radius(_reach[i]), Radius(q), out double inCubeTail);
            // tau = 0 marks every element far: they are beyond the near radius of tau_max.
            SpinPowerSumKernel.Run(_path, _buffer.AsSpan(0, count), 0.0, AcceleratedSpinProductKernel.FarLimit, _scale, _rowSums, EnsureNearIndex(count));
            for (int n = 0; n <= _terms; n++)
            {
                _sums[(n * _stride) + i] += _rowSums[n];
            }

            _reach[i] = q;
            _tail[i] = (inCubeTail + OutsideBound(cell, m)) * SumMargin;
        }

        // Every pair of the cube closer than its radius as a cosine, in gather order.
        private double CubeProduct(int slot, ReadOnlySpan<int> cell, int q, double tau)
        {
            int count = Gather(slot, cell, CubeOf(q), 0.0, Radius(q), out _);
            double product = 1.0;
            for (int j = 0; j < count; j++)
            {
                product = UnderflowFlush.Apply(product * PeriodicCosine.Cos(_buffer[j] * tau));
            }

            return product;
        }
    }
}
