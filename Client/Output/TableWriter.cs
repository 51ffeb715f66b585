using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Output;

/// <summary>
/// The scaling table (Fig. 2(c)) and the per-point betas as text, CSV, JSON or Markdown.
/// p is the exponent of |beta - d/alpha| ~ N^-p; betas are dimensionless.
/// </summary>
internal static class TableWriter
{
    public static readonly string[] Formats = ["text", "csv", "json", "md"];

    public static string Render(ScalingTable table, IReadOnlyList<PointSummary> points, string format) => format switch
    {
        "text" => Text(table, points),
        "csv" => Csv(table, points),
        "json" => Json(table, points),
        "md" => Markdown(table),
        _ => throw new ArgumentException($"unknown format '{format}'", nameof(format)),
    };

    private static string F(double v, string fmt = "F4") => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "n/a";

    private static string R(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Text(ScalingTable t, IReadOnlyList<PointSummary> points)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Fig. 2(c) scaling table: |beta - d/alpha| ~ N^-p, beta averaged over x <= {t.StrongDisorderMaxX:R}{(t.Partial ? " (PARTIAL: not every point is done)" : string.Empty)}");
        sb.AppendLine("  d  alpha  d/alpha  obs   p         p_err     N values (Ns)");
        foreach (ExponentRow r in t.Exponents)
        {
            string ns = string.Join(" ", r.N.Zip(r.Ns, (n, s) => $"{n}({s})"));
            string p = r.Error is null ? $"{F(r.P),-9} {F(r.PErr),-9}" : $"{"n/a",-9} {"n/a",-9}";
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {r.D}  {r.Alpha,5:G4}  {r.BetaInf,7:F4}  {r.Observable,-4}  {p} {ns}{(r.Error is null ? string.Empty : "  [" + r.Error + "]")}");
        }

        sb.AppendLine();
        sb.AppendLine("per-point fitted beta (jackknife error):");
        sb.AppendLine("  d  alpha  x         N      status   beta_mag            beta_pur");
        foreach (PointSummary s in points)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {s.Key.D}  {s.Key.Alpha,5:G4}  {s.Key.X,-8:G4}  {s.Key.N,-5}  {s.Status,-7}  {Beta(s.FitMag),-18}  {Beta(s.FitPur)}");
        }

        return sb.ToString();
    }

    private static string Beta(FitData? f) => f switch
    {
        null => "-",
        { Ok: false } => "fit failed",
        _ => $"{F(f.Beta)} +- {F(f.BetaJackknifeError)}",
    };

    private static string Csv(ScalingTable t, IReadOnlyList<PointSummary> points)
    {
        var sb = new StringBuilder();
        sb.AppendLine("table,d,alpha,beta_inf,observable,p,p_err,amplitude,N_values,Ns_values,error");
        foreach (ExponentRow r in t.Exponents)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"exponent,{r.D},{R(r.Alpha)},{R(r.BetaInf)},{r.Observable},{R(r.P)},{R(r.PErr)},{R(r.Amplitude)},{string.Join(';', r.N)},{string.Join(';', r.Ns)},\"{r.Error}\"");
        }

        sb.AppendLine();
        sb.AppendLine("table,d,alpha,x,N,status,beta_mag,beta_mag_jackknife,beta_pur,beta_pur_jackknife");
        foreach (PointSummary s in points)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"point,{s.Key.D},{R(s.Key.Alpha)},{R(s.Key.X)},{s.Key.N},{s.Status},{R(s.FitMag?.Beta ?? double.NaN)},{R(s.FitMag?.BetaJackknifeError ?? double.NaN)},{R(s.FitPur?.Beta ?? double.NaN)},{R(s.FitPur?.BetaJackknifeError ?? double.NaN)}");
        }

        return sb.ToString();
    }

    private static string Markdown(ScalingTable t)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| d | alpha | d/alpha | observable | p | p error | N values |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (ExponentRow r in t.Exponents)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.D} | {r.Alpha:G4} | {r.BetaInf:F4} | {r.Observable} | {F(r.P)} | {F(r.PErr)} | {string.Join(", ", r.N)} |");
        }

        return sb.ToString();
    }

    private static string Json(ScalingTable t, IReadOnlyList<PointSummary> points)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("strong_disorder_max_x", t.StrongDisorderMaxX);
            w.WriteBoolean("partial", t.Partial);
            w.WriteString("convention", "p from |beta - d/alpha| = c N^-p; beta averaged over x <= strong_disorder_max_x");
            w.WriteStartArray("exponents");
            foreach (ExponentRow r in t.Exponents)
            {
                w.WriteStartObject();
                w.WriteNumber("d", r.D);
                w.WriteNumberOrNull("alpha", r.Alpha);
                w.WriteNumberOrNull("beta_inf", r.BetaInf);
                w.WriteString("observable", r.Observable);
                w.WriteNumberOrNull("p", r.P);
                w.WriteNumberOrNull("p_err", r.PErr);
                w.WriteNumberOrNull("amplitude", r.Amplitude);
                w.WriteBoolean("weighted", r.Weighted);
                w.WriteStartArray("N");
                foreach (int n in r.N)
                {
                    w.WriteNumberValue(n);
                }

                w.WriteEndArray();
                w.WriteStartArray("Ns");
                foreach (int n in r.Ns)
                {
                    w.WriteNumberValue(n);
                }

                w.WriteEndArray();
                if (r.Error is not null)
                {
                    w.WriteString("error", r.Error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("deviations");
            foreach (DeviationRow r in t.Deviations)
            {
                w.WriteStartObject();
                w.WriteNumber("d", r.D);
                w.WriteNumberOrNull("alpha", r.Alpha);
                w.WriteString("observable", r.Observable);
                w.WriteNumber("N", r.N);
                w.WriteNumber("x_count", r.XCount);
                w.WriteNumberOrNull("mean_beta", r.MeanBeta);
                w.WriteNumberOrNull("beta_std_over_x", r.BetaStd);
                w.WriteNumberOrNull("beta_jackknife_error", r.BetaJackknifeError);
                w.WriteNumberOrNull("deviation", r.Deviation);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("points");
            foreach (PointSummary s in points)
            {
                w.WriteStartObject();
                w.WriteNumber("d", s.Key.D);
                w.WriteNumberOrNull("alpha", s.Key.Alpha);
                w.WriteNumberOrNull("x", s.Key.X);
                w.WriteNumber("N", s.Key.N);
                w.WriteString("status", s.Status.ToString().ToLowerInvariant());
                w.WriteNumber("realizations", s.RealizationsDone);
                w.WriteNumberOrNull("beta_mag", s.FitMag?.Beta ?? double.NaN);
                w.WriteNumberOrNull("beta_mag_jackknife", s.FitMag?.BetaJackknifeError ?? double.NaN);
                w.WriteNumberOrNull("beta_pur", s.FitPur?.Beta ?? double.NaN);
                w.WriteNumberOrNull("beta_pur_jackknife", s.FitPur?.BetaJackknifeError ?? double.NaN);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
