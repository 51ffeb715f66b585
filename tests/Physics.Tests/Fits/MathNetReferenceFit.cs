using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Sweep.Physics.Fits;

namespace Sweep.Physics.Tests.Fits;

/// <summary>
/// The stretched-exponential minimisation as the fits did it with MathNet.Numerics'
/// Levenberg-Marquardt (same model, Jacobian, tolerances and start A = 1): the oracle for the
/// project's own minimizer in the tests, and its baseline in bench/Sweep.Bench.
/// </summary>
internal static class MathNetReferenceFit
{
    public static NonlinearMinimizationResult Minimise(double[] lnT, double[] y, double lnGamma0, double beta0)
    {
        var objective = ObjectiveFunction.NonlinearModel(
            (p, x) => Vector<double>.Build.Dense(x.Count, i => p[0] * Math.Exp(-Math.Exp(p[2] * (p[1] + x[i])))),
            (p, x) =>
            {
                var jacobian = Matrix<double>.Build.Dense(x.Count, StretchedExponentialModel.ParameterCount);
                for (var i = 0; i < x.Count; i++)
                {
                    var (da, dLnGamma, dBeta) = StretchedExponentialModel.Gradient(p[0], p[1], p[2], x[i]);
                    jacobian[i, 0] = da;
                    jacobian[i, 1] = dLnGamma;
                    jacobian[i, 2] = dBeta;
                }

                return jacobian;
            },
            Vector<double>.Build.DenseOfArray(lnT),
            Vector<double>.Build.DenseOfArray(y),
            null);
        var minimizer = new LevenbergMarquardtMinimizer(gradientTolerance: 1e-15, stepTolerance: 1e-15, functionTolerance: 0.0, maximumIterations: 1000);
        return minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray([1.0, lnGamma0, beta0]));
    }
}
