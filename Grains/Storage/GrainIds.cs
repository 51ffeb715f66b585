namespace Sweep.Grains.Storage;

/// <summary>How Orleans names Sweep's grains in storage: grain type, '/', grain key.</summary>
public static class GrainIds
{
    public const string CampaignPrefix = "campaign/";
    public const string PointPrefix = "gridpoint/";
    public const string BatchPrefix = "realizationbatch/";

    /// <summary>The campaign grain's stored id.</summary>
    public static string Campaign(string campaign) => CampaignPrefix + campaign;

    /// <summary>Prefixes of the campaign's point and batch grains (campaign names cannot contain '/').</summary>
    public static IReadOnlyList<string> ChildPrefixes(string campaign)
        => [PointPrefix + campaign + "/", BatchPrefix + campaign + "/"];
}
