using BenchmarkDotNet.Attributes;
using Sweep.Physics.Analytic;
using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;
using Sweep.Physics.Time;

namespace Sweep.Bench;

/// <summary>
/// The accelerated kernel (default tolerance 1e-10) against the exact kernel's AVX-512 path
/// (the best path this machine has) on one realization per (d, alpha): x = 1e-4, N = 100 (1D),
/// 800 (2D), 1300 (3D), T = 200 on the docs/model.md time grid of that (d, alpha) in units of
/// J_NN,inf. The exact kernel is each case's baseline, so the Ratio column is the speed-up's
/// inverse.
/// </summary>
public class AcceleratedKernelBenchmark
{
    private const int T = 200;
    private const double X = 1e-4;

    private CouplingMatrix _couplings = null!;
    private double[] _tau = null!;
    private readonly double[] _mag = new double[T];
    private readonly double[] _pur = new double[T];

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> Cases =>
    [
        "d=1 alpha=1", "d=1 alpha=6", "d=1 alpha=10",
        "d=2 alpha=2", "d=2 alpha=6", "d=2 alpha=10",
        "d=3 alpha=3", "d=3 alpha=6", "d=3 alpha=10",
    ];

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split(' ');
        int d = int.Parse(parts[0]["d=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        double alpha = double.Parse(parts[1]["alpha=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        int n = d switch { 1 => 100, 2 => 800, _ => 1300 };
        double minDistance = Math.Pow(X / n, 1.0 / d);
        _couplings = CouplingMatrix.FromPositions(BallPositions.Generate(n, d, minDistance, seed: 2024), d, alpha);
        _tau = TimeGrid.ToTau(TimeGrid.Create(d, alpha, T), ThermodynamicLimit.JnnInf(d, alpha, n));
    }

    [Benchmark(Baseline = true)]
    public double ExactAvx512()
    {
        SpinProductKernel.Evaluate(_couplings, _tau, _mag, _pur, [], [], SpinProductKernel.BestPath);
        return _mag[T - 1];
    }

    [Benchmark]
    public double Accelerated()
    {
        AcceleratedSpinProductKernel.Evaluate(_couplings, _tau, _mag, _pur, [], [], AcceleratedSpinProductKernel.DefaultTolerance, SpinProductKernel.BestPath);
        return _mag[T - 1];
    }
}
