namespace Sweep.Grains.Dispatch;

/// <summary>How long a leased batch may stay silent before it goes back to the queue, and the grace of a renewal.</summary>
public sealed class DispatcherOptions
{
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A lease younger than this is never taken back on renewal (its batch may be starting).</summary>
    public TimeSpan RenewGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A silo that has not leased or renewed for this long no longer counts as able to hold a
    /// batch (a working silo renews every 5 s, ComputeOptions.RenewPeriod).
    /// </summary>
    public TimeSpan SiloActiveWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a point's batches must fit no active silo before the point fails: long enough for
    /// a restarting or late-joining silo with more memory to lease. A local run, whose one silo is
    /// all there will ever be, decides at once.
    /// </summary>
    public TimeSpan UnplaceableGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a lease also looks for points no active silo can hold (the look walks the queue).</summary>
    public TimeSpan PlacementCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
