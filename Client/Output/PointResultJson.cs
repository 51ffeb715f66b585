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
            Num(w, "alpha", r.Key.Alpha);
            Num(w, "x", r.Key.X);
            w.WriteNumber("N", r.Key.N);
            w.WriteNumber("Ns", r.Realizations);
            w.WriteString("time_unit", r.Provenance.Settings.TimeUnit);
            w.WriteNumber("seed", r.Provenance.Settings.Seed);
            w.WriteString("kernel", r.Provenance.Kernel);
            w.WriteString("program_version", r.Provenance.ProgramVersion);
            Array(w, "t", r.T);
            Array(w, "mag", r.Mag);
            Array(w, "mag_sem", r.MagSem);
            Array(w, "pur", r.Pur);
            Array(w, "pur_sem", r.PurSem);
            Num(w, "jnn_ratio", r.JnnRatio);
            Num(w, "jnn_ratio_sem", r.JnnRatioSem);
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
            Num(w, "A", f.A);
            Num(w, "gamma", f.Gamma);
            Num(w, "beta", f.Beta);
            Num(w, "A_err", f.AErr);
            Num(w, "gamma_err", f.GammaErr);
            Num(w, "beta_err", f.BetaErr);
            Num(w, "beta_err_jackknife", f.BetaJackknifeError);
            w.WriteStartObject("window");
            w.WriteNumber("i0", f.I0);
            w.WriteNumber("i1", f.I1);
            Num(w, "t0", f.T0);
            Num(w, "t1", f.T1);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Array(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                w.WriteNumberValue(v);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
    }
}
