using BenchmarkDotNet.Attributes;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Tests.Fits;
using Sweep.Physics.Time;

namespace Sweep.Bench;

/// <summary>
/// One stretched-exponential fit of a real ensemble curve (mag of d = 3, alpha = 6, x = 1e-3,
/// N = 100, 40 realizations, 200 times; 127 points in the fit window), started where a jackknife
/// refit starts: at the fit of the mean with A = 1. Baseline: MathNet.Numerics'
/// Levenberg-Marquardt minimisation alone, as the fits ran before; the project's fit also finds
/// the window and computes the parameter errors. Plus a whole point's analysis (averages, and
/// mag and pur each fitted with 16 jackknife refits) for scale.
/// </summary>
[MemoryDiagnoser]
public class StretchedExponentialFitBenchmark
{
    private double[] _t = null!;
    private double[] _mag = null!;
    private double[] _lnT = null!;
    private double[] _y = null!;
    private double _gamma;
    private double _beta;
    private GridPoint _point;
    private PointSettings _settings = null!;
    private EnsembleAccumulator _sums = null!;

    [GlobalSetup]
    public void Setup()
    {
        _point = new GridPoint(3, 6.0, 1e-3, 100);
        _settings = new PointSettings(1, 200, TimeUnit.Common, FitWindow.Default, SpinKernelChoice.Exact);
        _t = _settings.TimeGrid(_point);
        _sums = Realization.ComputeBatch(_point, 1, 0, 40, _t, TimeUnit.Common, SpinKernelChoice.Exact, SpinProductKernel.BestPath);
        _mag = _sums.Average().Mag;
        var fit = StretchedExponentialFit.Fit(_t, _mag, FitWindow.Default, 1.5, 0.5);
        (_gamma, _beta) = (fit.Gamma, fit.Beta);
        _lnT = _t[fit.Window!.I0..(fit.Window.I1 + 1)].Select(x => Math.Log(x)).ToArray();
        _y = _mag[fit.Window.I0..(fit.Window.I1 + 1)];
    }

    [Benchmark(Baseline = true)]
    public double MathNetMinimisation() => MathNetReferenceFit.Minimise(_lnT, _y, Math.Log(_gamma), _beta).MinimizingPoint[2];

    [Benchmark]
    public double Fit() => StretchedExponentialFit.Fit(_t, _mag, FitWindow.Default, _gamma, _beta).Beta;

    [Benchmark]
    public double PointAnalysis() => GridPointAnalysis.Analyze(_point, _settings, _t, _sums).Mag.Fit.Beta;
}
