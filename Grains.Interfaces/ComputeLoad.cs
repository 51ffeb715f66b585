namespace Sweep.Grains.Interfaces;

/// <summary>
/// What the cluster's compute slots are doing now, as the dispatcher sees it: each silo that
/// leased or renewed recently (<see cref="SiloLoad"/>), the batches waiting in the queue and the
/// batches leased to silos. Batches per second are counted over the last
/// <see cref="RateWindowSeconds"/> seconds (less while a silo has worked for less than that).
/// <see cref="NotRunning"/> is what a stopped store shows: no silo computes anything.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ComputeLoad(
    [property: Id(0)] bool Running,
    [property: Id(1)] SiloLoad[] Silos,
    [property: Id(2)] int QueuedBatches,
    [property: Id(3)] int LeasedBatches,
    [property: Id(4)] double RateWindowSeconds)
{
    /// <summary>The window of the batches-per-second rates, in seconds.</summary>
    public const double DefaultRateWindowSeconds = 10;

    /// <summary>No run and no cluster: nothing is computed.</summary>
    public static ComputeLoad NotRunning { get; } = new(false, [], 0, 0, DefaultRateWindowSeconds);

    /// <summary>Compute slots of every silo.</summary>
    public int Slots => Silos.Sum(s => s.Slots);

    /// <summary>Slots computing a batch now.</summary>
    public int SlotsBusy => Silos.Sum(s => s.Busy);

    /// <summary>Batches stored per second over the window, all silos together.</summary>
    public double BatchesPerSecond => Silos.Sum(s => s.BatchesPerSecond);
}
