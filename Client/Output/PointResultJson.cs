using System.Text.Json.Serialization;
using Sweep.Client.Output.Json;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Time;

namespace Sweep.Client.Output;

/// <summary>A stored point result as JSON (`sweep export`, points/*.json); non-finite numbers become null.</summary>
internal static class PointResultJson
{
    public static string Write(PointResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var document = new PointResultDocument(
            r.Key.D,
            r.Key.Alpha,
            r.Key.X,
            r.Key.N,
            r.Realizations,
            r.Provenance.Settings.TimeUnit.Name(),
            r.Provenance.Settings.Seed,
            r.Provenance.Kernel.Code,
            r.Provenance.ProgramVersion,
            r.T,
            r.Mag,
            r.MagSem,
            r.Pur,
            r.PurSem,
            r.JnnRatio,
            r.JnnRatioSem,
            FitDocument.From(r.FitMag),
            FitDocument.From(r.FitPur));
        return SweepJson.Write(document, SweepJsonContext.Default.PointResultDocument);
    }
}

/// <summary>
/// One finished point of a campaign: its key, realizations, provenance, averaged curves with
/// standard errors of the mean (t dimensionless, in the campaign's time unit) and both fits.
/// </summary>
internal sealed record PointResultDocument(
    int D,
    double Alpha,
    double X,
    [property: JsonPropertyName("N")] int N,
    [property: JsonPropertyName("Ns")] long Ns,
    string TimeUnit,
    ulong Seed,
    string Kernel,
    string ProgramVersion,
    IReadOnlyList<double> T,
    IReadOnlyList<double> Mag,
    IReadOnlyList<double> MagSem,
    IReadOnlyList<double> Pur,
    IReadOnlyList<double> PurSem,
    double JnnRatio,
    double JnnRatioSem,
    FitDocument FitMag,
    FitDocument FitPur);
