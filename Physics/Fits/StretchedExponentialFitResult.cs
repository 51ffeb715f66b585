using System.Diagnostics.CodeAnalysis;

namespace Sweep.Physics.Fits;

/// <summary>
/// Outcome of fitting f(t) = A exp(-(gamma t)^beta). A failure is an ordinary result with a
/// human-readable <see cref="Reason"/>; its numbers are NaN. The errors are the fit's own
/// standard errors (residual-variance scaled) and understate the true scatter of correlated
/// data: the honest uncertainty of beta comes from a jackknife over realizations.
/// </summary>
public sealed class StretchedExponentialFitResult
{
    private StretchedExponentialFitResult(
        string? reason,
        FitWindowRange? window,
        double a,
        double lnGamma,
        double beta,
        double aErr,
        double lnGammaErr,
        double betaErr,
        int iterations)
    {
        IsSuccess = reason is null;
        Reason = reason;
        Window = window;
        A = a;
        LnGamma = lnGamma;
        Beta = beta;
        AErr = aErr;
        LnGammaErr = lnGammaErr;
        BetaErr = betaErr;
        Iterations = iterations;
    }

    /// <summary>True when the fit converged to finite parameters with beta &gt; 0 and A &gt; 0.</summary>
    [MemberNotNullWhen(false, nameof(Reason))]
    [MemberNotNullWhen(true, nameof(Window))]
    public bool IsSuccess { get; }

    /// <summary>Why the fit failed; null on success.</summary>
    public string? Reason { get; }

    /// <summary>The window the fit used; on failure the window found, if any.</summary>
    public FitWindowRange? Window { get; }

    /// <summary>Amplitude A.</summary>
    public double A { get; }

    /// <summary>The fitted parameter ln gamma.</summary>
    public double LnGamma { get; }

    /// <summary>Rate gamma = exp(ln gamma), in the unit of t.</summary>
    public double Gamma => Math.Exp(LnGamma);

    /// <summary>Stretching exponent beta.</summary>
    public double Beta { get; }

    /// <summary>Standard error of A.</summary>
    public double AErr { get; }

    /// <summary>Standard error of ln gamma (the parameter actually fitted).</summary>
    public double LnGammaErr { get; }

    /// <summary>Standard error of gamma, propagated linearly: gamma * err(ln gamma).</summary>
    public double GammaErr => Gamma * LnGammaErr;

    /// <summary>Standard error of beta.</summary>
    public double BetaErr { get; }

    /// <summary>Levenberg-Marquardt iterations of the accepted minimisation (0 if the start was already exact).</summary>
    public int Iterations { get; }

    /// <summary>A converged fit.</summary>
    public static StretchedExponentialFitResult Success(
        FitWindowRange window,
        double a,
        double lnGamma,
        double beta,
        double aErr,
        double lnGammaErr,
        double betaErr,
        int iterations)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new(null, window, a, lnGamma, beta, aErr, lnGammaErr, betaErr, iterations);
    }

    /// <summary>A failed fit, with the window if one was found.</summary>
    public static StretchedExponentialFitResult Failure(string reason, FitWindowRange? window)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(reason, window, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
    }
}
