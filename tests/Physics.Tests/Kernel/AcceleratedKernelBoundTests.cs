using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;
using Xunit.Abstractions;

namespace Sweep.Physics.Tests.Kernel;

/// <summary>
/// The accelerated kernel's promise, checked against the exact kernel on real realizations: on
/// the full time grid (docs/model.md), in both time units, |mag_acc - mag_exact| and
/// |pur_acc - pur_exact| stay within the tolerance for every d, alpha, N and x tried, with every
/// series order at the set-up (versions 1 to 4) and with the orders each group needs (version 5).
/// </summary>
public class AcceleratedKernelBoundTests(ITestOutputHelper output)
{
    private static readonly int[] Sizes = [2, 10, 100, 400];
    private static readonly double[] Disorders = [1e-4, 0.01, 1.0];

    public static TheoryData<int, double> Couplings => new()
    {
        { 1, 1.0 }, { 1, 6.0 }, { 1, 10.0 }, { 1, 2.5 },
        { 2, 2.0 }, { 2, 6.0 }, { 2, 10.0 }, { 2, 4.5 },
        { 3, 3.0 }, { 3, 6.0 }, { 3, 10.0 }, { 3, 7.3 },
    };

    [Theory]
    [MemberData(nameof(Couplings))]
    public void StaysWithinTheDefaultToleranceOfTheExactKernel(int d, double alpha)
    {
        double tolerance = AcceleratedSpinProductKernel.DefaultTolerance;
        double[] t = TimeGrid.Create(d, alpha);
        double worstMag = 0;
        double worstPur = 0;
        foreach (int n in Sizes)
        {
            foreach (double x in Disorders)
            {
                var point = new GridPoint(d, alpha, x, n);
                CouplingMatrix couplings = Realization.Couplings(point, 77, n);
                foreach (TimeUnit unit in Enum.GetValues<TimeUnit>())
                {
                    double[] tau = Realization.Tau(point, couplings, t, unit);
                    var (magExact, purExact) = Exact(couplings, tau);
                    foreach (bool truncated in new[] { false, true })
                    {
                        var mag = new double[tau.Length];
                        var pur = new double[tau.Length];
                        // The series at every N, also where the public entry would hand small systems to the exact kernel.
                        AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, mag, pur, [], [], tolerance, SpinProductKernel.BestPath, truncated);
                        for (int k = 0; k < tau.Length; k++)
                        {
                            double dm = Math.Abs(mag[k] - magExact[k]);
                            double dp = Math.Abs(pur[k] - purExact[k]);
                            worstMag = Math.Max(worstMag, dm);
                            worstPur = Math.Max(worstPur, dp);
                            Assert.True(dm <= tolerance, $"{point} {unit} truncated {truncated} t[{k}]: mag {mag[k]:R} vs exact {magExact[k]:R}");
                            Assert.True(dp <= tolerance, $"{point} {unit} truncated {truncated} t[{k}]: pur {pur[k]:R} vs exact {purExact[k]:R}");
                        }
                    }
                }
            }
        }

        output.WriteLine($"d={d} alpha={alpha}: max |dmag| = {worstMag:E3}, max |dpur| = {worstPur:E3}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALooserToleranceIsStillMet(bool truncated)
    {
        // At 1e-6 version 5 leaves out the most orders: its share per pair is 1e4 times larger.
        const double tolerance = 1e-6;
        var point = new GridPoint(3, 6.0, 1e-4, 300);
        CouplingMatrix couplings = Realization.Couplings(point, 5, 0);
        double[] tau = Realization.Tau(point, couplings, TimeGrid.Create(3, 6.0), TimeUnit.Common);
        var (magExact, purExact) = Exact(couplings, tau);
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        AcceleratedSpinProductKernel.Evaluate(couplings, tau, mag, pur, [], [], tolerance, SpinProductKernel.BestPath, AcceleratedSpinProductKernel.SeriesMinSpins, truncated);
        for (int k = 0; k < tau.Length; k++)
        {
            Assert.True(Math.Abs(mag[k] - magExact[k]) <= tolerance);
            Assert.True(Math.Abs(pur[k] - purExact[k]) <= tolerance);
        }
    }

    [Fact]
    public void AToleranceNoSeriesMeetsFallsBackToFullProducts()
    {
        // At 1e-300 no spin with a far pair passes its check, so all of them are recomputed.
        var point = new GridPoint(2, 4.0, 0.01, 60);
        CouplingMatrix couplings = Realization.Couplings(point, 9, 1);
        double[] tau = Realization.Tau(point, couplings, TimeGrid.Create(2, 4.0, 40), TimeUnit.Common);
        var (magExact, purExact) = Exact(couplings, tau);
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, mag, pur, [], [], 1e-300, SpinProductKernel.BestPath);
        for (int k = 0; k < tau.Length; k++)
        {
            Assert.True(Math.Abs(mag[k] - magExact[k]) <= 1e-13, $"t[{k}]");
            Assert.True(Math.Abs(pur[k] - purExact[k]) <= 1e-13, $"t[{k}]");
        }
    }

    private static (double[] Mag, double[] Pur) Exact(CouplingMatrix couplings, double[] tau)
    {
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        SpinProductKernel.Evaluate(couplings, tau, mag, pur);
        return (mag, pur);
    }
}
