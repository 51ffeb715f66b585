namespace Sweep.Client.Hosting;

/// <summary>
/// Grains reached from this process, and how calls to them are made: retried while silos die
/// (a cluster, a local run's gateway) or made directly (a silo in this process).
/// </summary>
internal interface ICampaignCalls : IAsyncDisposable
{
    IGrainFactory Grains { get; }

    /// <summary>Where the grains live, as messages name it.</summary>
    string Description { get; }

    Task<T> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken);
}
