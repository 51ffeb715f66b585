namespace Sweep.Grains.Interfaces;

/// <summary>
/// The answer to deleting a campaign: either Refusal (it is running or has batches in flight;
/// nothing was erased) or how many points and stored states (points and batches) were erased.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record CampaignDeletion(
    [property: Id(0)] string? Refusal,
    [property: Id(1)] int Points,
    [property: Id(2)] int StoredStates);
