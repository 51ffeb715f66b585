using System.Runtime.InteropServices;

namespace Sweep.Physics.Fits;

/// <summary>
/// The finite-size scaling fit |beta - d/alpha| ~ c N^-p of docs/model.md (Fig. 2(b), 2(c)), done as
/// a straight line on the logs: ln|dev| = ln c - p ln N.
/// </summary>
/// <remarks>
/// Points with non-finite or non-positive N, or non-finite or zero deviation, are skipped (the
/// logarithm does not exist); at least <see cref="MinimumDistinctSizes"/> distinct N must remain.
/// <para>
/// Weighted fit: used when deviation errors are supplied and every used point's error is finite
/// and positive. The error of ln|dev| is err / |dev| (linear propagation) and the weights are
/// its inverse squares. The parameter errors come from the weighted covariance (X'WX)^-1 scaled
/// by max(1, chi^2 / (Count - 2)): the supplied errors set a floor, and scatter larger than they
/// imply widens the error bar, so it is never smaller than the scatter implies.
/// </para>
/// <para>
/// Unweighted fit (no errors, or any used error non-finite or non-positive): ordinary least
/// squares, with errors from the residual variance s^2 = RSS / (Count - 2). Three points
/// (one degree of freedom) suffice.
/// </para>
/// The error of c is c times the error of ln c.
/// </remarks>
public static class PowerLawFit
{
    /// <summary>Fewer distinct usable N than this gives no exponent.</summary>
    public const int MinimumDistinctSizes = 3;

    /// <summary>Fits |deviation| = c N^-p.</summary>
    /// <param name="n">System sizes N.</param>
    /// <param name="deviation">Deviations (only their magnitude is used).</param>
    /// <param name="deviationError">Standard errors of the deviations, or null for an unweighted fit.</param>
    /// <exception cref="ArgumentException">The lists differ in length (a programming error).</exception>
    public static PowerLawFitResult Fit(
        IReadOnlyList<double> n,
        IReadOnlyList<double> deviation,
        IReadOnlyList<double>? deviationError)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(deviation);
        if (deviation.Count != n.Count || (deviationError is not null && deviationError.Count != n.Count))
        {
            throw new ArgumentException(
                $"n has {n.Count} entries, deviation {deviation.Count}, deviationError {deviationError?.Count.ToString() ?? "none"}",
                nameof(deviation));
        }

        var x = new List<double>(n.Count);
        var y = new List<double>(n.Count);
        var w = new List<double>(n.Count);
        var sizes = new HashSet<double>();
        var weighted = deviationError is not null;
        for (var i = 0; i < n.Count; i++)
        {
            var magnitude = Math.Abs(deviation[i]);
            if (!(n[i] > 0.0 && double.IsFinite(n[i]) && magnitude > 0.0 && double.IsFinite(magnitude)))
            {
                continue;
            }

            x.Add(Math.Log(n[i]));
            y.Add(Math.Log(magnitude));
            sizes.Add(n[i]);
            if (deviationError is not null)
            {
                var sigma = deviationError[i] / magnitude;
                weighted &= sigma > 0.0 && double.IsFinite(sigma);
                w.Add(1.0 / (sigma * sigma));
            }
        }

        if (sizes.Count < MinimumDistinctSizes)
        {
            return PowerLawFitResult.Failure(
                $"a power law needs at least {MinimumDistinctSizes} distinct N with a finite, non-zero deviation; found {sizes.Count} among {n.Count} points",
                x.Count);
        }

        // An overflowing 1/sigma^2 (err/|dev| below ~1e-154) would break the weighted sums; such
        // errors are as unusable as zero ones.
        weighted &= w.TrueForAll(double.IsFinite);
        var line = StraightLineFit.Fit(
            CollectionsMarshal.AsSpan(x),
            CollectionsMarshal.AsSpan(y),
            weighted ? CollectionsMarshal.AsSpan(w) : []);

        var reducedChiSquare = line.ChiSquare / (x.Count - 2);
        var scale = weighted ? Math.Max(1.0, reducedChiSquare) : reducedChiSquare;
        var amplitude = Math.Exp(line.Intercept);
        return PowerLawFitResult.Success(
            x.Count,
            weighted,
            -line.Slope,
            Math.Sqrt(scale * line.SlopeVariance),
            amplitude,
            amplitude * Math.Sqrt(scale * line.InterceptVariance),
            reducedChiSquare);
    }
}
