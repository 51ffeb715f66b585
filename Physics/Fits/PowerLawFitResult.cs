using System.Diagnostics.CodeAnalysis;

namespace Sweep.Physics.Fits;

/// <summary>
/// Outcome of fitting |deviation| = c N^-p (see <see cref="PowerLawFit"/> for the error
/// conventions). A failure is an ordinary result with a human-readable <see cref="Reason"/>;
/// its numbers are NaN.
/// </summary>
public sealed class PowerLawFitResult
{
    private PowerLawFitResult(
        string? reason,
        int count,
        bool weighted,
        double p,
        double pErr,
        double amplitude,
        double amplitudeErr,
        double reducedChiSquare)
    {
        IsSuccess = reason is null;
        Reason = reason;
        Count = count;
        Weighted = weighted;
        P = p;
        PErr = pErr;
        Amplitude = amplitude;
        AmplitudeErr = amplitudeErr;
        ReducedChiSquare = reducedChiSquare;
    }

    /// <summary>True when an exponent was fitted.</summary>
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess { get; }

    /// <summary>Why there is no exponent; null on success.</summary>
    public string? Reason { get; }

    /// <summary>Points used: those with finite N &gt; 0 and finite, non-zero deviation.</summary>
    public int Count { get; }

    /// <summary>True if the fit was weighted by the deviation errors, false for ordinary least squares.</summary>
    public bool Weighted { get; }

    /// <summary>The exponent p.</summary>
    public double P { get; }

    /// <summary>Standard error of p.</summary>
    public double PErr { get; }

    /// <summary>The prefactor c.</summary>
    public double Amplitude { get; }

    /// <summary>Standard error of c, propagated linearly from that of ln c: c * err(ln c).</summary>
    public double AmplitudeErr { get; }

    /// <summary>
    /// Weighted residual sum of squares of ln|deviation| over Count - 2. With unit weights (the
    /// unweighted fit) this is the residual variance of ln|deviation|.
    /// </summary>
    public double ReducedChiSquare { get; }

    /// <summary>A fitted power law.</summary>
    public static PowerLawFitResult Success(
        int count,
        bool weighted,
        double p,
        double pErr,
        double amplitude,
        double amplitudeErr,
        double reducedChiSquare) =>
        new(null, count, weighted, p, pErr, amplitude, amplitudeErr, reducedChiSquare);

    /// <summary>No exponent, with the number of usable points found.</summary>
    public static PowerLawFitResult Failure(string reason, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(reason, count, false, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
    }
}
