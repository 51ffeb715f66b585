namespace Sweep.Physics.Fits;

/// <summary>
/// Standard errors of a least-squares fit with uniform weights: the diagonal of
/// s^2 (J'J)^-1 with s^2 = RSS / (n - p), the residual variance, since the data carry no
/// error bars of their own. Computed here in a fixed summation order rather than taken from the
/// minimizer, so the scaling is explicit and the bits do not depend on a linear-algebra provider.
/// </summary>
internal static class ParameterErrors
{
    // A Cholesky pivot of the unit-diagonal J'J below this means two Jacobian columns are
    // collinear to ~1e-10 (e.g. beta -> 0, where ln gamma only rescales A): a parameter is not
    // determined by the data, though rounding may leave the pivot a hair above zero.
    private const double MinimumPivot = 1e-10;

    /// <param name="normal">The normal matrix J'J of the model at the minimum, p x p row-major (only the lower triangle is read).</param>
    /// <param name="n">Number of observations.</param>
    /// <param name="p">Number of parameters.</param>
    /// <param name="rss">Residual sum of squares at the minimum.</param>
    /// <returns>The p standard errors, or null when J'J is singular or nearly so (a parameter is unconstrained).</returns>
    public static double[]? FromNormalMatrix(ReadOnlySpan<double> normal, int n, int p, double rss)
    {
        // Scaling to unit diagonal first keeps the Cholesky factorisation well conditioned when
        // the parameters live on very different scales (ln gamma vs beta).
        var scale = new double[p];
        for (var j = 0; j < p; j++)
        {
            if (!(normal[(j * p) + j] > 0.0) || !double.IsFinite(normal[(j * p) + j]))
            {
                return null;
            }

            scale[j] = 1.0 / Math.Sqrt(normal[(j * p) + j]);
        }

        var l = new double[p, p];
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k <= j; k++)
            {
                var sum = normal[(j * p) + k] * scale[j] * scale[k];
                for (var m = 0; m < k; m++)
                {
                    sum -= l[j, m] * l[k, m];
                }

                if (j == k)
                {
                    if (!(sum > MinimumPivot))
                    {
                        return null;
                    }

                    l[j, j] = Math.Sqrt(sum);
                }
                else
                {
                    l[j, k] = sum / l[k, k];
                }
            }
        }

        // diag(C^-1) = column norms of L^-1, with L^-1 found by forward substitution.
        var inverse = new double[p, p];
        for (var c = 0; c < p; c++)
        {
            for (var j = c; j < p; j++)
            {
                var sum = j == c ? 1.0 : 0.0;
                for (var m = c; m < j; m++)
                {
                    sum -= l[j, m] * inverse[m, c];
                }

                inverse[j, c] = sum / l[j, j];
            }
        }

        var variance = rss / (n - p);
        var errors = new double[p];
        for (var c = 0; c < p; c++)
        {
            var diagonal = 0.0;
            for (var j = c; j < p; j++)
            {
                diagonal += inverse[j, c] * inverse[j, c];
            }

            errors[c] = Math.Sqrt(variance * diagonal) * scale[c];
        }

        return errors;
    }
}
