using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Reading;

/// <summary>
/// What `sweep verify` found in a stopped store for one campaign, in the records a live
/// campaign's grains return: the damage of the campaign's own record (then nothing else can be
/// read: the points are listed in it), and each point with its planned batches.
/// </summary>
public sealed record CampaignStoreCheck(string? CampaignDamage, IReadOnlyList<StoredPointCheck> Points);
