namespace Sweep.Physics.Fits;

/// <summary>
/// Levenberg-Marquardt for the three parameters (A, ln gamma, beta) of
/// <see cref="StretchedExponentialModel"/>, on spans and without allocating: a point's analysis
/// runs 34 such fits (mag and pur, each with 16 jackknife refits), and a general-purpose
/// minimizer that allocates its vectors and matrices every iteration made those fits most of
/// what a campaign allocates. Damping follows Nielsen's update of the damping factor with
/// Marquardt's scaling by the running maximum of diag(J'J), so the parameters' very different
/// scales (ln gamma spans tens, beta a fraction) need no tuning. Deterministic: fixed summation
/// order, no randomness.
/// </summary>
internal static class StretchedExponentialMinimizer
{
    private const int P = StretchedExponentialModel.ParameterCount;
    private const double InitialDamping = 1e-3;

    /// <summary>Minimises the residual sum of squares of y against the model from the given start.</summary>
    /// <param name="lnT">ln t over the fit window.</param>
    /// <param name="y">The curve over the fit window.</param>
    /// <param name="start">(A, ln gamma, beta) to start from.</param>
    /// <param name="gradientTolerance">Converged when every component of J'r is at most this.</param>
    /// <param name="stepTolerance">Converged when a step is at most this relative to the parameters.</param>
    /// <param name="maximumIterations">Damped steps tried (accepted or not) before giving up.</param>
    public static Minimum Minimise(
        ReadOnlySpan<double> lnT,
        ReadOnlySpan<double> y,
        (double A, double LnGamma, double Beta) start,
        double gradientTolerance,
        double stepTolerance,
        int maximumIterations)
    {
        Span<double> p = [start.A, start.LnGamma, start.Beta];
        Span<double> normal = stackalloc double[StretchedExponentialModel.NormalEntries];
        Span<double> gradient = stackalloc double[P];
        Span<double> scale = stackalloc double[P];
        Span<double> step = stackalloc double[P];
        Span<double> trial = stackalloc double[P];

        var rss = StretchedExponentialModel.NormalEquations(lnT, y, p[0], p[1], p[2], normal, gradient);
        if (!double.IsFinite(rss))
        {
            return new Minimum(MinimumStatus.NonFinite, p[0], p[1], p[2], 0);
        }

        scale.Clear();
        UpdateScale(normal, scale);
        var damping = InitialDamping;
        var growth = 2.0;
        var iterations = 0;
        while (MaxAbs(gradient) > gradientTolerance)
        {
            if (iterations == maximumIterations)
            {
                return new Minimum(MinimumStatus.IterationLimit, p[0], p[1], p[2], iterations);
            }

            iterations++;
            if (!SolveDamped(normal, scale, damping, gradient, step))
            {
                damping *= growth;
                growth *= 2.0;
                continue;
            }

            if (Norm(step) <= stepTolerance * (Norm(p) + stepTolerance))
            {
                break;
            }

            for (var j = 0; j < P; j++)
            {
                trial[j] = p[j] + step[j];
            }

            var trialRss = StretchedExponentialModel.ResidualSumOfSquares(lnT, y, trial[0], trial[1], trial[2]);
            // The decrease the damped linear model predicts: h'(mu D h + J'r), with D = diag(scale).
            var predicted = 0.0;
            for (var j = 0; j < P; j++)
            {
                predicted += step[j] * ((damping * scale[j] * step[j]) + gradient[j]);
            }

            var gain = double.IsFinite(trialRss) && predicted > 0.0 ? (rss - trialRss) / predicted : double.NegativeInfinity;
            if (gain > 0.0)
            {
                trial.CopyTo(p);
                rss = StretchedExponentialModel.NormalEquations(lnT, y, p[0], p[1], p[2], normal, gradient);
                UpdateScale(normal, scale);
                var shrink = (2.0 * gain) - 1.0;
                damping *= Math.Max(1.0 / 3.0, 1.0 - (shrink * shrink * shrink));
                growth = 2.0;
            }
            else
            {
                damping *= growth;
                growth *= 2.0;
                if (!double.IsFinite(damping))
                {
                    // No step, however short, lowers the residual: this is the minimum to rounding.
                    break;
                }
            }
        }

        return new Minimum(MinimumStatus.Converged, p[0], p[1], p[2], iterations);
    }

    // Marquardt's scaling, kept at its running maximum (More's variant) so that it never shrinks
    // to zero when the Jacobian column of a parameter vanishes at one point of the path.
    private static void UpdateScale(ReadOnlySpan<double> normal, Span<double> scale)
    {
        scale[0] = Math.Max(scale[0], normal[0]);
        scale[1] = Math.Max(scale[1], normal[2]);
        scale[2] = Math.Max(scale[2], normal[5]);
    }

    /// <summary>Solves (J'J + mu D) h = J'r by Cholesky; false when the matrix is not positive definite.</summary>
    private static bool SolveDamped(ReadOnlySpan<double> normal, ReadOnlySpan<double> scale, double damping, ReadOnlySpan<double> gradient, Span<double> step)
    {
        // A parameter whose Jacobian column has always been zero gets a unit scale: its gradient
        // is zero too, so it does not move, and the matrix stays invertible.
        double d0 = scale[0] > 0.0 ? scale[0] : 1.0, d1 = scale[1] > 0.0 ? scale[1] : 1.0, d2 = scale[2] > 0.0 ? scale[2] : 1.0;
        double m00 = normal[0] + (damping * d0), m10 = normal[1], m11 = normal[2] + (damping * d1);
        double m20 = normal[3], m21 = normal[4], m22 = normal[5] + (damping * d2);

        if (!(m00 > 0.0))
        {
            return false;
        }

        var l00 = Math.Sqrt(m00);
        var l10 = m10 / l00;
        var l20 = m20 / l00;
        var p11 = m11 - (l10 * l10);
        if (!(p11 > 0.0))
        {
            return false;
        }

        var l11 = Math.Sqrt(p11);
        var l21 = (m21 - (l20 * l10)) / l11;
        var p22 = m22 - (l20 * l20) - (l21 * l21);
        if (!(p22 > 0.0))
        {
            return false;
        }

        var l22 = Math.Sqrt(p22);
        var w0 = gradient[0] / l00;
        var w1 = (gradient[1] - (l10 * w0)) / l11;
        var w2 = (gradient[2] - (l20 * w0) - (l21 * w1)) / l22;
        step[2] = w2 / l22;
        step[1] = (w1 - (l21 * step[2])) / l11;
        step[0] = (w0 - (l10 * step[1]) - (l20 * step[2])) / l00;
        return double.IsFinite(step[0]) && double.IsFinite(step[1]) && double.IsFinite(step[2]);
    }

    private static double MaxAbs(ReadOnlySpan<double> v) => Math.Max(Math.Abs(v[0]), Math.Max(Math.Abs(v[1]), Math.Abs(v[2])));

    private static double Norm(ReadOnlySpan<double> v) => Math.Sqrt((v[0] * v[0]) + (v[1] * v[1]) + (v[2] * v[2]));

    /// <summary>How a minimisation ended.</summary>
    public enum MinimumStatus
    {
        /// <summary>The gradient or the step fell below its tolerance, or no step lowers the residual any more.</summary>
        Converged,

        /// <summary>The model is not finite at the start.</summary>
        NonFinite,

        /// <summary>The iteration limit was reached first.</summary>
        IterationLimit,
    }

    /// <summary>Where a minimisation ended, and after how many damped steps.</summary>
    public readonly record struct Minimum(MinimumStatus Status, double A, double LnGamma, double Beta, int Iterations);
}
