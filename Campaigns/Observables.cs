namespace Sweep.Campaigns;

/// <summary>The ensemble observables a block asks to be fitted (see docs/model.md: mag and pur).</summary>
[Flags]
public enum Observables
{
    None = 0,

    /// <summary>mag(t) = (1/N) sum_i P_i(t).</summary>
    Mag = 1,

    /// <summary>pur(t) = (1/N) sum_i P_i(t)^2.</summary>
    Pur = 2,
}
