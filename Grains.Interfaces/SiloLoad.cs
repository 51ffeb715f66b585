namespace Sweep.Grains.Interfaces;

/// <summary>
/// One silo's compute: its name and address, its compute slots, how many of them hold a batch
/// (leases beyond the slots wait in the silo's short queue), the batches leased to it, and the
/// batches it completed per second over the load's window.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SiloLoad(
    [property: Id(0)] string Name,
    [property: Id(1)] string Address,
    [property: Id(2)] int Slots,
    [property: Id(3)] int Busy,
    [property: Id(4)] int Leased,
    [property: Id(5)] double BatchesPerSecond);
