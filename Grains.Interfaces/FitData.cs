namespace Sweep.Grains.Interfaces;

/// <summary>
/// A stored stretched-exponential fit f(t) = A exp(-(gamma t)^beta), gamma in the unit of t:
/// either Error is set, or the parameters, their fit errors, the jackknife error of beta and
/// the window (inclusive grid indices I0..I1, times T0..T1) are.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record FitData(
    [property: Id(0)] string? Error,
    [property: Id(1)] double A,
    [property: Id(2)] double Gamma,
    [property: Id(3)] double Beta,
    [property: Id(4)] double AErr,
    [property: Id(5)] double GammaErr,
    [property: Id(6)] double BetaErr,
    [property: Id(7)] double BetaJackknifeError,
    [property: Id(8)] string? JackknifeNote,
    [property: Id(9)] int I0,
    [property: Id(10)] int I1,
    [property: Id(11)] double T0,
    [property: Id(12)] double T1)
{
    public bool Ok => Error is null;
}
