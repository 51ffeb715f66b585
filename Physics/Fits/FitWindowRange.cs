namespace Sweep.Physics.Fits;

/// <summary>
/// The grid points a fit actually used: indices <see cref="I0"/>..<see cref="I1"/>, both
/// inclusive, with <see cref="T0"/> = t[I0] and <see cref="T1"/> = t[I1].
/// </summary>
/// <param name="I0">Index of the first included point.</param>
/// <param name="I1">Index of the last included point (inclusive).</param>
/// <param name="T0">Time of the first included point.</param>
/// <param name="T1">Time of the last included point.</param>
public sealed record FitWindowRange(int I0, int I1, double T0, double T1)
{
    /// <summary>Number of included points.</summary>
    public int Count => I1 - I0 + 1;
}
