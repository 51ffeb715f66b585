using Sweep.Grains.Interfaces;
using Sweep.Physics.Fits;
using Sweep.Physics.Points;

namespace Sweep.Grains.Mapping;

/// <summary>Between the wire records of the grain contracts and the physics library's types.</summary>
internal static class SettingsMapping
{
    public static PointSettings ToPointSettings(this PointSettingsData s)
        => new(s.Seed, s.TimePoints, s.TimeUnit, new FitWindow(s.FitUpper, s.FitLower), s.Kernel);
}
