using System.Text.Json.Serialization;
using Sweep.Client.Output.Json;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Output;

/// <summary>The scaling table and per-point betas as JSON (`sweep table --format json`, export's table.json).</summary>
internal static class TableJson
{
    public const string Convention = "p from |beta - d/alpha| = c N^-p; beta averaged over x <= strong_disorder_max_x";

    public static string Write(ScalingTable t, IReadOnlyList<PointSummary> points)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(points);
        var document = new ScalingTableDocument(
            t.StrongDisorderMaxX,
            t.Partial,
            Convention,
            [.. t.Exponents.Select(r => new ExponentDocument(r.D, r.Alpha, r.BetaInf, r.Observable.Name(), r.P, r.PErr, r.Amplitude, r.Weighted, r.N, r.Ns, r.Error))],
            [.. t.Deviations.Select(r => new DeviationDocument(r.D, r.Alpha, r.Observable.Name(), r.N, r.XCount, r.MeanBeta, r.BetaStd, r.BetaJackknifeError, r.Deviation))],
            [.. points.Select(s => new PointBetaDocument(
                s.Key.D,
                s.Key.Alpha,
                s.Key.X,
                s.Key.N,
                s.Status.ToString().ToLowerInvariant(),
                s.RealizationsDone,
                s.FitMag?.Beta ?? double.NaN,
                s.FitMag?.BetaJackknifeError ?? double.NaN,
                s.FitPur?.Beta ?? double.NaN,
                s.FitPur?.BetaJackknifeError ?? double.NaN,
                s.Target?.BetaError ?? double.NaN,
                s.TargetOutcome))]);
        return SweepJson.Write(document, SweepJsonContext.Default.ScalingTableDocument);
    }
}

/// <summary>
/// The Fig. 2(c) scaling table: exponents p of |beta - d/alpha| ~ N^-p per (d, alpha,
/// observable), the deviations they were fitted to, and every point's fitted betas
/// (dimensionless) with jackknife errors.
/// </summary>
internal sealed record ScalingTableDocument(
    double StrongDisorderMaxX,
    bool Partial,
    string Convention,
    IReadOnlyList<ExponentDocument> Exponents,
    IReadOnlyList<DeviationDocument> Deviations,
    IReadOnlyList<PointBetaDocument> Points);

/// <summary>One exponent row; `error` (present only then) says why there is no p.</summary>
internal sealed record ExponentDocument(
    int D,
    double Alpha,
    double BetaInf,
    string Observable,
    double P,
    double PErr,
    double Amplitude,
    bool Weighted,
    [property: JsonPropertyName("N")] IReadOnlyList<int> N,
    [property: JsonPropertyName("Ns")] IReadOnlyList<int> Ns,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>The mean beta over x at one N and its deviation |mean beta - d/alpha|.</summary>
internal sealed record DeviationDocument(
    int D,
    double Alpha,
    string Observable,
    [property: JsonPropertyName("N")] int N,
    int XCount,
    double MeanBeta,
    [property: JsonPropertyName("beta_std_over_x")] double BetaStd,
    double BetaJackknifeError,
    double Deviation);

/// <summary>
/// A point's status, realizations (its Ns so far) and fitted betas (null where there is no fit);
/// with a precision target, the target's error of beta and its outcome ("reached", "maxNs"; null
/// while running and without a target).
/// </summary>
internal sealed record PointBetaDocument(
    int D,
    double Alpha,
    double X,
    [property: JsonPropertyName("N")] int N,
    string Status,
    long Realizations,
    double BetaMag,
    double BetaMagJackknife,
    double BetaPur,
    double BetaPurJackknife,
    double TargetBetaError,
    string? TargetOutcome);
