using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;

namespace Sweep.Bench;

/// <summary>
/// One realization of the paper's largest 3D system (N = 1300, alpha = 6, x = 1e-4) on T = 200
/// log-spaced times t = 1e-3 .. 1e3 in units of J_NN,inf: every kernel path against the naive
/// Math.Cos loop. One operation is N(N-1)T pair-time factors.
/// </summary>
[Config(typeof(Config))]
public class SpinProductKernelBenchmark
{
    private const int N = 1300;
    private const int T = 200;
    private const int D = 3;
    private const double Alpha = 6.0;

    private CouplingMatrix _couplings = null!;
    private double[,] _denseTwoJ = null!;
    private double[] _tau = null!;
    private readonly double[] _mag = new double[T];
    private readonly double[] _pur = new double[T];

    [GlobalSetup]
    public void Setup()
    {
        double minDistance = Math.Cbrt(1e-4 / N);
        _couplings = CouplingMatrix.FromPositions(BallPositions.Generate(N, D, minDistance, seed: 2024), D, Alpha);
        _denseTwoJ = new double[N, N];
        for (int i = 0; i < N; i++)
        {
            for (int k = 0; k < N; k++)
            {
                _denseTwoJ[i, k] = i == k ? 0.0 : _couplings.TwoJ(i, k);
            }
        }

        // J_NN,inf = (n V_d / ln 2)^(alpha/d) with r0 = 1, i.e. n V_d = N.
        double jnnInf = Math.Pow(N / Math.Log(2.0), Alpha / D);
        _tau = new double[T];
        for (int k = 0; k < T; k++)
        {
            _tau[k] = Math.Exp(Math.Log(1e-3) + (k * (Math.Log(1e3) - Math.Log(1e-3)) / (T - 1))) / jnnInf;
        }
    }

    [Benchmark(Baseline = true)]
    public double NaiveMathCos()
    {
        NaiveSpinProducts.Evaluate(_denseTwoJ, _tau, _mag, _pur);
        return _mag[T - 1];
    }

    [Benchmark]
    public double Scalar() => Run(KernelPath.Scalar);

    [Benchmark]
    public double Avx2() => Run(KernelPath.Avx2);

    [Benchmark]
    public double Avx512() => Run(KernelPath.Avx512);

    private double Run(KernelPath path)
    {
        SpinProductKernel.Evaluate(_couplings, _tau, _mag, _pur, [], [], path);
        return _mag[T - 1];
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new FactorsPerSecondColumn((double)N * (N - 1) * T));
    }
}
