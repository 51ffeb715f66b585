namespace Sweep.Grains.Dispatch;

/// <summary>How long a leased batch may stay silent before it goes back to the queue.</summary>
public sealed class DispatcherOptions
{
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
