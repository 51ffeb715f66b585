using System.Buffers;

namespace Sweep.Physics.Fits;

/// <summary>
/// Least-squares fit of f(t) = A exp(-(gamma t)^beta) with uniform weights on the spec's window
/// (docs/model.md, "The fit"). The fitted parameters are (A, ln gamma, beta): ln gamma
/// keeps the rate well scaled when t spans dozens of decades. Minimisation is Levenberg-Marquardt
/// with an analytic Jacobian (<see cref="StretchedExponentialMinimizer"/>); the result is a pure
/// function of the input bits (no randomness, fixed iteration order), and a fit allocates only
/// its result.
/// </summary>
public static class StretchedExponentialFit
{
    /// <summary>Fewer window points than this is a fit failure (docs/model.md).</summary>
    public const int MinimumPoints = 5;

    // No tolerance on the residual itself: for noiseless or nearly noiseless curves an absolute
    // one would stop the fit long before the parameters settle.
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

        // The window's ln t and f, on the stack for the usual grids of a few hundred times.
        const int StackLimit = 512;
        double[]? rented = null;
        Span<double> buffer = 2 * range.Count <= StackLimit
            ? stackalloc double[2 * range.Count]
            : (rented = ArrayPool<double>.Shared.Rent(2 * range.Count));
        try
        {
            Span<double> lnT = buffer[..range.Count];
            Span<double> y = buffer.Slice(range.Count, range.Count);
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
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private static StretchedExponentialFitResult Minimise(
        ReadOnlySpan<double> lnT,
        ReadOnlySpan<double> y,
        double lnGamma0,
        double beta0,
        FitWindowRange range)
    {
        var minimum = StretchedExponentialMinimizer.Minimise(lnT, y, (1.0, lnGamma0, beta0), GradientTolerance, StepTolerance, MaximumIterations);
        if (minimum.Status == StretchedExponentialMinimizer.MinimumStatus.NonFinite)
        {
            return StretchedExponentialFitResult.Failure("the model is not finite at the starting point", range);
        }

        if (minimum.Status == StretchedExponentialMinimizer.MinimumStatus.IterationLimit)
        {
            return StretchedExponentialFitResult.Failure(
                $"Levenberg-Marquardt did not converge in {minimum.Iterations} iterations",
                range);
        }

        double a = minimum.A, lnGamma = minimum.LnGamma, beta = minimum.Beta;
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

        return StretchedExponentialFitResult.Success(range, a, lnGamma, beta, errors[0], errors[1], errors[2], minimum.Iterations);
    }

    private static double[]? Errors(ReadOnlySpan<double> lnT, ReadOnlySpan<double> y, double a, double lnGamma, double beta)
    {
        const int p = StretchedExponentialModel.ParameterCount;
        Span<double> packed = stackalloc double[StretchedExponentialModel.NormalEntries];
        Span<double> gradient = stackalloc double[p];
        var rss = StretchedExponentialModel.NormalEquations(lnT, y, a, lnGamma, beta, packed, gradient);
        Span<double> normal =
        [
            packed[0], packed[1], packed[3],
            packed[1], packed[2], packed[4],
            packed[3], packed[4], packed[5],
        ];
        return ParameterErrors.FromNormalMatrix(normal, lnT.Length, p, rss);
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
