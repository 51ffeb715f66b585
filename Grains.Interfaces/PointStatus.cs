namespace Sweep.Grains.Interfaces;

/// <summary>Life cycle of a grid point.</summary>
public enum PointStatus
{
    Pending = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
    Cancelled = 4,
}
