using System.Text.Json.Serialization;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Output.Json;

/// <summary>
/// A stretched-exponential fit f(t) = A exp(-(gamma t)^beta), gamma in the unit of t: either
/// only `error`, or the parameters, their errors and the window (inclusive indices i0..i1,
/// times t0..t1). `jackknife_note` and `jackknife_blocks` appear in `sweep point` only.
/// </summary>
internal sealed record FitDocument(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonPropertyName("A"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? A,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Gamma,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Beta,
    [property: JsonPropertyName("A_err"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? AErr,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? GammaErr,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BetaErr,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BetaErrJackknife,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JackknifeNote,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? JackknifeBlocks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FitWindowDocument? Window)
{
    private static FitDocument Failed(string? reason) => new(reason ?? "fit failed", null, null, null, null, null, null, null, null, null, null);

    /// <summary>A stored fit, as `sweep export` writes it.</summary>
    public static FitDocument From(FitData f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return !f.Ok
            ? Failed(f.Error)
            : new(null, f.A, f.Gamma, f.Beta, f.AErr, f.GammaErr, f.BetaErr, f.BetaJackknifeError, null, null, new FitWindowDocument(f.I0, f.I1, f.T0, f.T1));
    }

    /// <summary>A fit just computed by `sweep point`, with its jackknife blocks.</summary>
    public static FitDocument From(ObservableFit f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var fit = f.Fit;
        return !fit.IsSuccess
            ? Failed(fit.Reason)
            : new(null, fit.A, fit.Gamma, fit.Beta, fit.AErr, fit.GammaErr, fit.BetaErr, f.BetaJackknifeError, f.JackknifeNote, f.JackknifeBlocks, new FitWindowDocument(fit.Window.I0, fit.Window.I1, fit.Window.T0, fit.Window.T1));
    }
}

/// <summary>The fit window: grid indices i0..i1 inclusive and their times t0..t1 (unit of t).</summary>
internal sealed record FitWindowDocument(int I0, int I1, double T0, double T1);
