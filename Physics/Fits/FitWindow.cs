namespace Sweep.Physics.Fits;

/// <summary>
/// The thresholds of the stretched-exponential fit window (docs/model.md, "The fit"): the
/// window starts at the first grid point with f &lt;= <see cref="Upper"/> and ends just before
/// the first later point with f &lt; <see cref="Lower"/>. The window moves fitted beta by up to
/// ~0.02, so it is part of the spec and recorded with every fit.
/// </summary>
public sealed record FitWindow
{
    /// <summary>The spec's window: Upper = 0.99, Lower = 0.01.</summary>
    public static FitWindow Default { get; } = new();

    /// <summary>Creates a window; requires 0 &lt; lower &lt; upper &lt;= 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The thresholds are not ordered that way.</exception>
    public FitWindow(double upper = 0.99, double lower = 0.01)
    {
        // Written so that NaN fails every comparison and is rejected.
        if (!(lower > 0.0 && lower < upper && upper <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(lower),
                $"a fit window needs 0 < lower < upper <= 1, got lower = {lower}, upper = {upper}");
        }

        Upper = upper;
        Lower = lower;
    }

    /// <summary>The first grid point with f at or below this value opens the window.</summary>
    public double Upper { get; }

    /// <summary>The first later point with f strictly below this value closes the window (and is excluded).</summary>
    public double Lower { get; }
}
