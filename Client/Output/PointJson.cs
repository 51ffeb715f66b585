using System.Text.Json;
using Sweep.Client.Commands;
using Sweep.Physics.Analytic;
using Sweep.Physics.Points;

namespace Sweep.Client.Output;

/// <summary>The one JSON object of `sweep point --json`; every non-finite number is written as null.</summary>
internal static class PointJson
{
    public static void Write(TextWriter w, GridPoint point, int ns, PointSettings settings, PointAnalysis a, double wallSeconds)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteNumber("d", point.D);
            json.WriteNumberOrNull("alpha", point.Alpha);
            json.WriteNumberOrNull("x", point.X);
            json.WriteNumber("N", point.N);
            json.WriteNumber("Ns", ns);
            json.WriteNumber("seed", settings.Seed);
            json.WriteString("time_unit", PointCommand.TimeUnitName(settings.TimeUnit));
            json.WriteString("kernel", settings.Kernel.Code);
            json.WriteString("t_unit", PointCommand.TimeUnitSentence(point, settings.TimeUnit));
            json.WriteNumbersOrNulls("t", a.T);
            json.WriteNumbersOrNulls("mag", a.Average.Mag);
            json.WriteNumbersOrNulls("mag_sem", a.Average.MagSem);
            json.WriteNumbersOrNulls("pur", a.Average.Pur);
            json.WriteNumbersOrNulls("pur_sem", a.Average.PurSem);
            json.WriteNumberOrNull("beta_inf", ThermodynamicLimit.Beta(point.D, point.Alpha));
            json.WriteNumberOrNull("gamma_m_inf", ThermodynamicLimit.GammaMOverJnn(point.D, point.Alpha) * UnitScale(settings, a));
            json.WriteNumberOrNull("gamma_p_inf", ThermodynamicLimit.GammaPOverJnn(point.D, point.Alpha) * UnitScale(settings, a));
            json.WriteNumberOrNull("jnn_ratio", a.Average.JnnRatio);
            json.WriteNumberOrNull("jnn_ratio_sem", a.Average.JnnRatioSem);
            Fit(json, "fit_mag", a.Mag);
            Fit(json, "fit_pur", a.Pur);
            json.WriteNumber("fit_window_upper", settings.Window.Upper);
            json.WriteNumber("fit_window_lower", settings.Window.Lower);
            json.WriteNumberOrNull("wall_s", wallSeconds);
            json.WriteEndObject();
        }

        w.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // In the per-realization convention the unit of t is the median J_NN, so the analytic rates
    // are quoted in that unit through the measured ratio J_NN / J_NN,inf.
    private static double UnitScale(PointSettings settings, PointAnalysis a)
        => settings.TimeUnit == Physics.Time.TimeUnit.Common ? 1.0 : 1.0 / a.Average.JnnRatio;

    private static void Fit(Utf8JsonWriter json, string name, ObservableFit f)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        if (!f.Fit.IsSuccess)
        {
            json.WriteString("error", f.Fit.Reason);
            json.WriteEndObject();
            return;
        }

        json.WriteNumberOrNull("A", f.Fit.A);
        json.WriteNumberOrNull("gamma", f.Fit.Gamma);
        json.WriteNumberOrNull("beta", f.Fit.Beta);
        json.WriteNumberOrNull("A_err", f.Fit.AErr);
        json.WriteNumberOrNull("gamma_err", f.Fit.GammaErr);
        json.WriteNumberOrNull("beta_err", f.Fit.BetaErr);
        json.WriteNumberOrNull("beta_err_jackknife", f.BetaJackknifeError);
        if (f.JackknifeNote is not null)
        {
            json.WriteString("jackknife_note", f.JackknifeNote);
        }

        json.WriteNumber("jackknife_blocks", f.JackknifeBlocks);
        json.WritePropertyName("window");
        json.WriteStartObject();
        json.WriteNumber("i0", f.Fit.Window.I0);
        json.WriteNumber("i1", f.Fit.Window.I1);
        json.WriteNumberOrNull("t0", f.Fit.Window.T0);
        json.WriteNumberOrNull("t1", f.Fit.Window.T1);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
