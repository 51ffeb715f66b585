namespace Sweep.Physics.Fits;

/// <summary>
/// Jackknife error from leave-one-out estimates. The fit's own error bars understate the scatter
/// of time-correlated curves (docs/model.md), so the honest error of beta is this spread over fits
/// that each leave out one fixed block of realizations; building those fits is the caller's job.
/// </summary>
public static class Jackknife
{
    /// <summary>
    /// sqrt((K - 1) / K * sum_i (b_i - mean(b))^2) over the K leave-one-out estimates b_i.
    /// </summary>
    /// <param name="leaveOneOutEstimates">The K estimates, in a fixed order (it fixes the rounding).</param>
    /// <returns>The standard error; NaN if any estimate is NaN or infinite (a failed leave-one-out fit leaves the error unknown).</returns>
    /// <exception cref="ArgumentNullException">The list is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 estimates: there is no spread to measure.</exception>
    public static double StandardError(IReadOnlyList<double> leaveOneOutEstimates)
    {
        ArgumentNullException.ThrowIfNull(leaveOneOutEstimates);
        var k = leaveOneOutEstimates.Count;
        if (k < 2)
        {
            throw new ArgumentException($"a jackknife needs at least 2 leave-one-out estimates, got {k}", nameof(leaveOneOutEstimates));
        }

        var sum = 0.0;
        for (var i = 0; i < k; i++)
        {
            if (!double.IsFinite(leaveOneOutEstimates[i]))
            {
                return double.NaN;
            }

            sum += leaveOneOutEstimates[i];
        }

        // Two passes: the leave-one-out estimates agree to many digits, so the one-pass
        // sum-of-squares formula would cancel catastrophically.
        var mean = sum / k;
        var squares = 0.0;
        for (var i = 0; i < k; i++)
        {
            var d = leaveOneOutEstimates[i] - mean;
            squares += d * d;
        }

        return Math.Sqrt((k - 1.0) / k * squares);
    }
}
