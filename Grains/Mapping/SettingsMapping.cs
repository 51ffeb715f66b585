using Sweep.Grains.Interfaces;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Grains.Mapping;

/// <summary>Between the wire records of the grain contracts and the physics library's types.</summary>
internal static class SettingsMapping
{
    public static GridPoint ToGridPoint(this PointKey key) => new(key.D, key.Alpha, key.X, key.N);

    public static PointSettings ToPointSettings(this PointSettingsData s)
        => new(s.Seed, s.TimePoints, s.TimeUnit, new FitWindow(s.FitUpper, s.FitLower), s.Kernel);
}
