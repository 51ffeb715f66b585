using System.Text.Json.Serialization;
using Sweep.Client.Commands;
using Sweep.Client.Output.Json;
using Sweep.Physics.Analytic;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Client.Output;

/// <summary>The one JSON object of `sweep point --json`, on one line; every non-finite number is null.</summary>
internal static class PointJson
{
    public static void Write(TextWriter w, GridPoint point, int ns, PointSettings settings, PointAnalysis a, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(a);
        var document = new PointDocument(
            point.D,
            point.Alpha,
            point.X,
            point.N,
            ns,
            settings.Seed,
            settings.TimeUnit.Name(),
            settings.Kernel.Code,
            PointCommand.TimeUnitSentence(point, settings.TimeUnit),
            a.T,
            a.Average.Mag,
            a.Average.MagSem,
            a.Average.Pur,
            a.Average.PurSem,
            ThermodynamicLimit.Beta(point.D, point.Alpha),
            ThermodynamicLimit.GammaMOverJnn(point.D, point.Alpha) * UnitScale(settings, a),
            ThermodynamicLimit.GammaPOverJnn(point.D, point.Alpha) * UnitScale(settings, a),
            a.Average.JnnRatio,
            a.Average.JnnRatioSem,
            FitDocument.From(a.Mag),
            FitDocument.From(a.Pur),
            settings.Window.Upper,
            settings.Window.Lower,
            wallSeconds);
        w.WriteLine(SweepJson.Write(document, SweepJsonContext.Default.PointDocument, indented: false));
    }

    // In the per-realization convention the unit of t is the median J_NN, so the analytic rates
    // are quoted in that unit through the measured ratio J_NN / J_NN,inf.
    private static double UnitScale(PointSettings settings, PointAnalysis a)
        => settings.TimeUnit == Physics.Time.TimeUnit.Common ? 1.0 : 1.0 / a.Average.JnnRatio;
}

/// <summary>
/// `sweep point --json`: the point, its settings, the averaged curves with standard errors of
/// the mean (t dimensionless, in the unit `t_unit` states), the analytic N -> infinity limits,
/// both fits, the fit window thresholds and the wall time in seconds.
/// </summary>
internal sealed record PointDocument(
    int D,
    double Alpha,
    double X,
    [property: JsonPropertyName("N")] int N,
    [property: JsonPropertyName("Ns")] int Ns,
    ulong Seed,
    string TimeUnit,
    string Kernel,
    string TUnit,
    IReadOnlyList<double> T,
    IReadOnlyList<double> Mag,
    IReadOnlyList<double> MagSem,
    IReadOnlyList<double> Pur,
    IReadOnlyList<double> PurSem,
    double BetaInf,
    double GammaMInf,
    double GammaPInf,
    double JnnRatio,
    double JnnRatioSem,
    FitDocument FitMag,
    FitDocument FitPur,
    double FitWindowUpper,
    double FitWindowLower,
    [property: JsonPropertyName("wall_s")] double WallSeconds);
