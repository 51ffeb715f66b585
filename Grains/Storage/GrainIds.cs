namespace Sweep.Grains.Storage;

/// <summary>
/// How Sweep's states are keyed in storage: grain type, '/', grain key. Batch results keep the
/// "realizationbatch" type of the batch grain that stored them before the batch store.
/// </summary>
public static class GrainIds
{
    public const string CampaignPrefix = "campaign/";
    public const string PointPrefix = "gridpoint/";
    public const string BatchPrefix = "realizationbatch/";

    /// <summary>The campaign grain's stored id.</summary>
    public static string Campaign(string campaign) => CampaignPrefix + campaign;

    /// <summary>Prefixes of the campaign's point states and batch results (campaign names cannot contain '/').</summary>
    public static IReadOnlyList<string> ChildPrefixes(string campaign)
        => [PointPrefix + campaign + "/", BatchPrefix + campaign + "/"];
}
