using System.Text.Json;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Output;

/// <summary>A stored point result as JSON; non-finite numbers become null.</summary>
internal static class PointResultJson
{
    public static string Write(PointResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("d", r.Key.D);
            w.WriteNumberOrNull("alpha", r.Key.Alpha);
            w.WriteNumberOrNull("x", r.Key.X);
            w.WriteNumber("N", r.Key.N);
            w.WriteNumber("Ns", r.Realizations);
            w.WriteString("time_unit", r.Provenance.Settings.TimeUnit);
            w.WriteNumber("seed", r.Provenance.Settings.Seed);
            w.WriteString("kernel", r.Provenance.Kernel);
            w.WriteString("program_version", r.Provenance.ProgramVersion);
            w.WriteNumbersOrNulls("t", r.T);
            w.WriteNumbersOrNulls("mag", r.Mag);
            w.WriteNumbersOrNulls("mag_sem", r.MagSem);
            w.WriteNumbersOrNulls("pur", r.Pur);
            w.WriteNumbersOrNulls("pur_sem", r.PurSem);
            w.WriteNumberOrNull("jnn_ratio", r.JnnRatio);
            w.WriteNumberOrNull("jnn_ratio_sem", r.JnnRatioSem);
            Fit(w, "fit_mag", r.FitMag);
            Fit(w, "fit_pur", r.FitPur);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Fit(Utf8JsonWriter w, string name, FitData f)
    {
        w.WriteStartObject(name);
        if (!f.Ok)
        {
            w.WriteString("error", f.Error);
        }
        else
        {
            w.WriteNumberOrNull("A", f.A);
            w.WriteNumberOrNull("gamma", f.Gamma);
            w.WriteNumberOrNull("beta", f.Beta);
            w.WriteNumberOrNull("A_err", f.AErr);
            w.WriteNumberOrNull("gamma_err", f.GammaErr);
            w.WriteNumberOrNull("beta_err", f.BetaErr);
            w.WriteNumberOrNull("beta_err_jackknife", f.BetaJackknifeError);
            w.WriteStartObject("window");
            w.WriteNumber("i0", f.I0);
            w.WriteNumber("i1", f.I1);
            w.WriteNumberOrNull("t0", f.T0);
            w.WriteNumberOrNull("t1", f.T1);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
