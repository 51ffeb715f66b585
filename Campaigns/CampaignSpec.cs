using Sweep.Physics.Time;
using Sweep.Physics.Kernel;

namespace Sweep.Campaigns;

/// <summary>
/// A validated campaign: campaign-wide settings plus the blocks of grid points. Build it with
/// <see cref="CampaignSpecParser"/>; a spec built in code is not validated until it goes
/// through <see cref="CampaignSpecJson.Write"/> and back through the parser.
/// </summary>
public sealed record CampaignSpec(
    string Name,
    string? Description,
    ulong Seed,
    int TimePoints,
    TimeUnit TimeUnit,
    double FitUpper,
    double FitLower,
    double StrongDisorderMaxX,
    int BatchSize,
    SpinKernelChoice Kernel,
    ValueList<SpecBlock> Blocks)
{
    public const int DefaultTimePoints = 200;
    public const TimeUnit DefaultTimeUnit = TimeUnit.Common;
    public const double DefaultFitUpper = 0.99;
    public const double DefaultFitLower = 0.01;
    public const double DefaultStrongDisorderMaxX = 0.01;
    public const int DefaultBatchSize = 50;
    public const int MaxNameLength = 100;

    /// <summary>
    /// False when the spec named no kernel and got <see cref="SpinKernelChoice.Default"/>: such a spec
    /// extends a stored campaign with the kernel that campaign was computed with (so a spec that
    /// ran before the default kernel changed keeps resuming), and its canonical JSON leaves the
    /// kernel out until the campaign it is submitted to decides it.
    /// </summary>
    public bool KernelGiven { get; init; } = true;
}
