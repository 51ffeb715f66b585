namespace Sweep.Physics.Scaling;

/// <summary>The two ensemble observables: mag = (1/N) sum P_i, pur = (1/N) sum P_i^2.</summary>
public enum Observable
{
    Mag,
    Pur,
}
