using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Sweep.Physics.Fits;

/// <summary>
/// Least-squares fit of f(t) = A exp(-(gamma t)^beta) with uniform weights on the spec's window
/// (MODEL.md, "Averages and fits"). The fitted parameters are (A, ln gamma, beta): ln gamma
/// keeps the rate well scaled when t spans dozens of decades. Minimisation is MathNet's
/// Levenberg-Marquardt with an analytic Jacobian; the result is a pure function of the input
/// bits (no randomness, fixed iteration order).
/// </summary>
public static class StretchedExponentialFit
{
    /// <summary>Fewer window points than this is a fit failure (MODEL.md).</summary>
    public const int MinimumPoints = 5;

    // Zero function tolerance: MathNet compares it to the absolute RSS, which for noiseless or
    // nearly noiseless curves would stop the fit long before the parameters settle.
    private const double FunctionTolerance = 0.0;
    private const double GradientTolerance = 1e-15;
    private const double StepTolerance = 1e-15;
    private const int MaximumIterations = 1000;

    /// <summary>
    /// The window rule: from the first index with f &lt;= window.Upper up to, not including, the
    /// first later index with f &lt; window.Lower (to the end of the grid if there is none).
    /// NaN satisfies neither comparison, so it neither opens nor closes a window.
    /// </summary>
    /// <returns>The window, which may hold fewer than <see cref="MinimumPoints"/> points; null if no point has f &lt;= Upper.</returns>
    /// <exception cref="ArgumentException">t is not strictly increasing and positive, or the lengths differ.</exception>
    public static FitWindowRange? FindWindow(ReadOnlySpan<double> t, ReadOnlySpan<double> f, FitWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        ValidateGrid(t, f);

        var i0 = 0;
        while (i0 < f.Length && !(f[i0] <= window.Upper))
        {
            i0++;
        }

        if (i0 == f.Length)
        {
            return null;
        }

        var i1 = f.Length - 1;
        for (var i = i0 + 1; i < f.Length; i++)
        {
            if (f[i] < window.Lower)
            {
                i1 = i - 1;
                break;
            }
        }

        return new FitWindowRange(i0, i1, t[i0], t[i1]);
    }

    /// <summary>
    /// Fits A, gamma and beta on the window, starting from A = 1, gamma0 and beta0 (the analytic
    /// rate and d/alpha). Should that minimisation fail, it is retried once from a linearised
    /// estimate (ln(-ln f) against ln t). Bad data never throws: it gives a failed result, and
    /// so does any non-finite f anywhere on the grid.
    /// </summary>
    /// <param name="t">Strictly increasing, positive times.</param>
    /// <param name="f">The curve on the grid t.</param>
    /// <param name="window">The window thresholds, normally <see cref="FitWindow.Default"/>.</param>
    /// <param name="gamma0">Starting rate, finite and positive, in the unit of t.</param>
    /// <param name="beta0">Starting exponent, finite and positive.</param>
    /// <exception cref="ArgumentException">The grid or the starting point is invalid (a programming error).</exception>
    public static StretchedExponentialFitResult Fit(
        ReadOnlySpan<double> t,
        ReadOnlySpan<double> f,
        FitWindow window,
        double gamma0,
        double beta0)
    {
        if (!(gamma0 > 0.0 && double.IsFinite(gamma0)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma0), gamma0, "the starting rate must be finite and positive");
        }

        if (!(beta0 > 0.0 && double.IsFinite(beta0)))
        {
            throw new ArgumentOutOfRangeException(nameof(beta0), beta0, "the starting exponent must be finite and positive");
        }

        var range = FindWindow(t, f, window);
        if (range is null)
        {
            return StretchedExponentialFitResult.Failure(
                $"no fit window: no point of the {f.Length}-point curve has f <= {window.Upper}",
                null);
        }

        // Any non-finite value fails the fit, not only those inside the window: a NaN or an
        // infinity anywhere means the curve is broken, and an -infinity would even close the
        // window early as if it were a real value below Lower.
        for (var i = 0; i < f.Length; i++)
        {
            if (!double.IsFinite(f[i]))
            {
                return StretchedExponentialFitResult.Failure($"non-finite data: f[{i}] = {f[i]}", range);
            }
        }

        if (range.Count < MinimumPoints)
        {
            return StretchedExponentialFitResult.Failure(
                $"fit window too short: {range.Count} points (indices {range.I0}..{range.I1}, t = {range.T0}..{range.T1}), at least {MinimumPoints} needed",
                range);
        }

        var lnT = new double[range.Count];
        var y = new double[range.Count];
        for (var i = 0; i < range.Count; i++)
        {
            lnT[i] = Math.Log(t[range.I0 + i]);
            y[i] = f[range.I0 + i];
        }

        var primary = Minimise(lnT, y, Math.Log(gamma0), beta0, range);
        if (primary.IsSuccess)
        {
            return primary;
        }

        var fallbackStart = LinearisedStart.Estimate(lnT, y);
        if (fallbackStart is not { } start)
        {
            return StretchedExponentialFitResult.Failure(
                $"{primary.Reason}; no linearised start to retry from",
                range);
        }

        var fallback = Minimise(lnT, y, start.LnGamma, start.Beta, range);
        return fallback.IsSuccess
            ? fallback
            : StretchedExponentialFitResult.Failure(
                $"{primary.Reason}; retry from the linearised start (ln gamma = {start.LnGamma}, beta = {start.Beta}): {fallback.Reason}",
                range);
    }

    private static StretchedExponentialFitResult Minimise(
        double[] lnT,
        double[] y,
        double lnGamma0,
        double beta0,
        FitWindowRange range)
    {
        var objective = ObjectiveFunction.NonlinearModel(
            StretchedExponentialModel.Values,
            StretchedExponentialModel.Jacobian,
            Vector<double>.Build.DenseOfArray(lnT),
            Vector<double>.Build.DenseOfArray(y),
            null);
        var minimizer = new LevenbergMarquardtMinimizer(
            gradientTolerance: GradientTolerance,
            stepTolerance: StepTolerance,
            functionTolerance: FunctionTolerance,
            maximumIterations: MaximumIterations);

        NonlinearMinimizationResult minimum;
        try
        {
            minimum = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray([1.0, lnGamma0, beta0]));
        }
        catch (ArgumentException)
        {
            // MathNet's objective rejects a non-finite trial point by throwing; the data were
            // checked before, so this can only be a diverging step.
            return StretchedExponentialFitResult.Failure("Levenberg-Marquardt stepped to non-finite parameters", range);
        }

        var iterations = Math.Max(0, minimum.Iterations);
        if (minimum.ReasonForExit is not (ExitCondition.Converged or ExitCondition.RelativeGradient or ExitCondition.RelativePoints))
        {
            return StretchedExponentialFitResult.Failure(
                $"Levenberg-Marquardt did not converge ({minimum.ReasonForExit} after {iterations} iterations)",
                range);
        }

        var point = minimum.MinimizingPoint;
        double a = point[0], lnGamma = point[1], beta = point[2];
        if (!double.IsFinite(a) || !double.IsFinite(lnGamma) || !double.IsFinite(beta) || !double.IsFinite(Math.Exp(lnGamma)))
        {
            return StretchedExponentialFitResult.Failure(
                $"non-finite parameters (A = {a}, ln gamma = {lnGamma}, beta = {beta})",
                range);
        }

        if (!(beta > 0.0) || !(a > 0.0))
        {
            return StretchedExponentialFitResult.Failure(
                $"unphysical parameters (A = {a}, beta = {beta}; both must be > 0)",
                range);
        }

        var errors = Errors(lnT, y, a, lnGamma, beta);
        if (errors is null)
        {
            return StretchedExponentialFitResult.Failure(
                $"singular covariance at A = {a}, ln gamma = {lnGamma}, beta = {beta}: the window does not constrain every parameter",
                range);
        }

        return StretchedExponentialFitResult.Success(range, a, lnGamma, beta, errors[0], errors[1], errors[2], iterations);
    }

    private static double[]? Errors(double[] lnT, double[] y, double a, double lnGamma, double beta)
    {
        const int p = StretchedExponentialModel.ParameterCount;
        var jacobian = new double[lnT.Length * p];
        var rss = 0.0;
        for (var i = 0; i < lnT.Length; i++)
        {
            var residual = y[i] - (a * Math.Exp(-Math.Exp(beta * (lnGamma + lnT[i]))));
            rss += residual * residual;
            (jacobian[i * p], jacobian[(i * p) + 1], jacobian[(i * p) + 2]) =
                StretchedExponentialModel.Gradient(a, lnGamma, beta, lnT[i]);
        }

        return ParameterErrors.FromJacobian(jacobian, lnT.Length, p, rss);
    }

    private static void ValidateGrid(ReadOnlySpan<double> t, ReadOnlySpan<double> f)
    {
        if (t.Length != f.Length)
        {
            throw new ArgumentException($"t has {t.Length} points but f has {f.Length}", nameof(f));
        }

        for (var i = 0; i < t.Length; i++)
        {
            // Written so that NaN fails.
            var ok = double.IsFinite(t[i]) && (i == 0 ? t[i] > 0.0 : t[i] > t[i - 1]);
            if (!ok)
            {
                throw new ArgumentException($"t must be finite, positive and strictly increasing; t[{i}] = {t[i]}", nameof(t));
            }
        }
    }
}
