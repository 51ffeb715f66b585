using Sweep.Physics.Time;

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
    KernelChoice Kernel,
    ValueList<SpecBlock> Blocks)
{
    public const int DefaultTimePoints = 200;
    public const TimeUnit DefaultTimeUnit = TimeUnit.Common;
    public const double DefaultFitUpper = 0.99;
    public const double DefaultFitLower = 0.01;
    public const double DefaultStrongDisorderMaxX = 0.01;
    public const int DefaultBatchSize = 50;
    public const int MaxNameLength = 100;
}
