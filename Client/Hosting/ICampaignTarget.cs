using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Hosting;

/// <summary>
/// The campaigns a command works on: a cluster (`--redis`), a live local run (through its
/// gateway) or a stopped local store. `list`, `status`, `table`, `export`, `report`, `cancel`
/// and `delete` make the same calls whichever it is (<see cref="CampaignTargets.OpenAsync"/>).
/// </summary>
internal interface ICampaignTarget : IAsyncDisposable
{
    /// <summary>The data directory or the cluster, as messages name it.</summary>
    string Description { get; }

    /// <summary>Names of the campaigns, in ordinal order.</summary>
    Task<IReadOnlyList<string>> CampaignNamesAsync(CancellationToken cancellationToken);

    /// <summary>The campaign, or a usage error naming the known campaigns when there is none by that name.</summary>
    Task<CampaignReadout> ReadAsync(string name, bool withResults, CancellationToken cancellationToken);

    /// <summary>What `sweep report` draws from: the campaign with its results, its points' settings and their Fig. 1 snapshots.</summary>
    Task<ReportSource> ReadReportAsync(string name, CancellationToken cancellationToken);

    /// <summary>Stops dispatching the campaign's batches; stored results stay and `sweep run` resumes it.</summary>
    Task<CancelOutcome> CancelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Erases every stored state of the campaign, or says why not (<see cref="CampaignDeletion.Refusal"/>).</summary>
    Task<CampaignDeletion> DeleteAsync(string name, CancellationToken cancellationToken);
}
