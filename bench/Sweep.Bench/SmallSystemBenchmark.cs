using System.Numerics;
using BenchmarkDotNet.Attributes;
using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Bench;

/// <summary>
/// Where a small realization's time goes (fig2bc.json's 1D blocks are millions of N = 2..100
/// realizations at T = 200): the exact kernel by rows (lanes across a spin's partners) against
/// lanes across times, and the ensemble accumulator's add against its former BigInteger sum of
/// the J_NN ratio, side by side; and a whole realization as a batch computes it.
/// </summary>
[MemoryDiagnoser]
public class SmallSystemBenchmark
{
    private const int T = 200;
    private const double Alpha = 6.0;
    private const double X = 0.01;

    private CouplingMatrix _couplings = null!;
    private double[] _tau = null!;
    private double[] _t = null!;
    private readonly double[] _mag = new double[T];
    private readonly double[] _pur = new double[T];
    private EnsembleAccumulator _accumulator = null!;
    private BigInteger _jnnSum;
    private long _r;

    [Params(1, 3)]
    public int D { get; set; }

    [Params(2, 10, 16, 24)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var point = new GridPoint(D, Alpha, X, N);
        _couplings = Realization.Couplings(point, 1, 0);
        _t = TimeGrid.Create(D, Alpha, T);
        _tau = Realization.Tau(point, _couplings, _t, TimeUnit.Common);
        SpinProductKernel.Evaluate(_couplings, _tau, _mag, _pur);
        _accumulator = new EnsembleAccumulator(T);
    }

    [Benchmark(Baseline = true)]
    public double KernelByRows()
    {
        SpinProductKernel.EvaluateRows(_couplings, _tau, _mag, _pur, [], [], SpinProductKernel.BestPath);
        return _mag[T - 1];
    }

    [Benchmark]
    public double KernelByTimeLanes()
    {
        TimeLaneKernel.Evaluate(_couplings, _tau, _mag, _pur, [], [], SpinProductKernel.BestPath);
        return _mag[T - 1];
    }

    /// <summary>One realization's add to the exact sums (mag, pur and their squares at T times, and the J_NN ratio).</summary>
    [Benchmark]
    public long AccumulatorAdd()
    {
        if (_r == 1 << 21)
        {
            // An accumulator holds at most 2^22 realizations.
            _accumulator = new EnsembleAccumulator(T);
            _r = 0;
        }

        _accumulator.Add(_r++, _mag, _pur, 1.0 + (1e-3 * (_r & 7)));
        return _r;
    }

    /// <summary>The J_NN ratio's two exact sums as BigInteger adds, as the accumulator did before.</summary>
    [Benchmark]
    public BigInteger FormerBigIntegerRatioSums()
    {
        double ratio = 1.0 + (1e-3 * (_r++ & 7));
        _jnnSum += ExactSum.Scaled(ratio);
        _jnnSum += ExactSum.Scaled(ratio * ratio);
        return _jnnSum;
    }

    /// <summary>A whole realization (positions, couplings, time unit, kernel, exact sums) in a batch of 64.</summary>
    [Benchmark(OperationsPerInvoke = 64)]
    public long Realizations()
        => Realization.ComputeBatch(new GridPoint(D, Alpha, X, N), 1, 0, 64, _t, TimeUnit.Common, SpinKernelChoice.Accelerated(), SpinProductKernel.BestPath).Count;
}
