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

    /// <summary>
    /// The campaign's status alone, or a usage error as <see cref="ReadAsync"/>: what a poll
    /// needs. A live campaign rebuilds its scaling table when asked for it after a point has
    /// finished, so a poll that also read the table would rebuild it on every poll.
    /// </summary>
    Task<CampaignStatus> ReadStatusAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// What `sweep report` draws from: the campaign with its results, its points' settings and
    /// their Fig. 1 snapshots (one more read per point).
    /// </summary>
    Task<ReportSource> ReadReportAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// One point's result (null until it has finished) and the settings its campaign's points
    /// share: what the dashboard's page of a point draws, without reading the other points.
    /// </summary>
    Task<(PointResult? Result, PointSettingsData? Settings)> ReadPointAsync(string name, PointKey key, CancellationToken cancellationToken);

    /// <summary>
    /// What the compute slots are doing (the dispatcher's <see cref="ComputeLoad"/>): a cluster's
    /// or a live local run's; a stopped store has no run, <see cref="ComputeLoad.NotRunning"/>.
    /// </summary>
    Task<ComputeLoad> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stops dispatching the campaign's batches; stored results stay and `sweep run` resumes it.</summary>
    Task<CancelOutcome> CancelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Erases every stored state of the campaign, or says why not (<see cref="CampaignDeletion.Refusal"/>).</summary>
    Task<CampaignDeletion> DeleteAsync(string name, CancellationToken cancellationToken);
}
