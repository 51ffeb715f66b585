namespace Sweep.Physics.Time;

/// <summary>How the dimensionless time t of a grid point relates to the raw time tau.</summary>
public enum TimeUnit
{
    /// <summary>t = J_NN,inf tau for every realization (the default).</summary>
    Common,

    /// <summary>t = (median J_NN of the realization) tau.</summary>
    PerRealization,
}
