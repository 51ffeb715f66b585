namespace Sweep.Client.Hosting;

/// <summary>
/// Where `sweep list`, `status`, `table` and `export` read campaigns: the data directory's
/// store (local mode) or a running cluster's grains (with --redis).
/// </summary>
internal interface ICampaignTarget : IAsyncDisposable
{
    /// <summary>The data directory or the cluster, as messages name it.</summary>
    string Description { get; }

    /// <summary>Names of the campaigns, in ordinal order.</summary>
    Task<IReadOnlyList<string>> CampaignNamesAsync(CancellationToken cancellationToken);

    /// <summary>The campaign, or a usage error naming the known campaigns when there is none by that name.</summary>
    Task<CampaignReadout> ReadAsync(string name, bool withResults, CancellationToken cancellationToken);
}
