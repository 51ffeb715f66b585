namespace Sweep.Grains.Dispatch;

/// <summary>How long a leased batch may stay silent before it goes back to the queue, and the grace of a renewal.</summary>
public sealed class DispatcherOptions
{
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A lease younger than this is never taken back on renewal (its batch may be starting).</summary>
    public TimeSpan RenewGrace { get; set; } = TimeSpan.FromSeconds(20);
}
