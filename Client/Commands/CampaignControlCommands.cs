using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Local;
using Sweep.Client.Remote;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;

namespace Sweep.Client.Commands;

/// <summary>`sweep cancel` and `sweep delete`: change what the store or the cluster holds for a campaign.</summary>
internal static class CampaignControlCommands
{
    /// <summary>
    /// Cancels a campaign. In a cluster the campaign grain is cancelled directly. Locally, if a
    /// run holds the data directory, a request file asks it to cancel; otherwise the stored
    /// campaign is marked cancelled directly. `sweep run` resumes it either way.
    /// </summary>
    public static async Task<int> CancelAsync(string name, TargetOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ClusterTarget.From(options) is { } target)
        {
            return await CancelInClusterAsync(name, target, stdout, stderr, cancellationToken);
        }

        DataDirectory data = DataDirectory.Resolve(options.Data);
        StoredCampaign.Load(data, name);
        FileStream? dataLock = data.TryLock();
        if (dataLock is null)
        {
            File.WriteAllText(data.CancelRequestPath(name), DateTimeOffset.UtcNow.ToString("O"));
            stdout.WriteLine($"asked the running sweep in {data.Path} to cancel '{name}'; stored results stay, `sweep run` resumes it");
            return 0;
        }

        // The local cluster takes the lock itself; a run starting in between fails at once.
        await dataLock.DisposeAsync();
        await using (LocalCluster cluster = await LocalCluster.StartAsync(data, 1, CancellationToken.None))
        {
            await cluster.Grains.GetGrain<ICampaignGrain>(name).Cancel();
        }

        stdout.WriteLine($"cancelled '{name}'; stored results stay, `sweep run` with its spec resumes it");
        return 0;
    }

    /// <summary>
    /// Deletes every stored state of a campaign, after confirmation unless --yes. Locally the
    /// rows are erased from the store (the data directory's lock keeps any run out meanwhile);
    /// in a cluster the campaign grain erases itself, its points and their batches, and refuses
    /// while the campaign runs or has batches in flight (see ICampaignGrain.Delete).
    /// </summary>
    public static async Task<int> DeleteAsync(string name, bool confirmed, TargetOptions options, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ClusterTarget.From(options) is { } target)
        {
            return await DeleteInClusterAsync(name, confirmed, target, stdin, stdout, stderr, cancellationToken);
        }

        DataDirectory data = DataDirectory.Resolve(options.Data);
        StoredCampaign campaign = StoredCampaign.Load(data, name);
        using FileStream dataLock = data.Lock();
        if (!confirmed && !Confirm(stdin, stdout, $"delete campaign '{name}' ({campaign.State.Points.Count} points, all stored batches) from {data.Path}?"))
        {
            return 1;
        }

        int rows = SqliteStateEraser.Delete(data.DatabasePath, [GrainIds.Campaign(name)], GrainIds.ChildPrefixes(name));
        stdout.WriteLine($"deleted campaign '{name}' ({rows} stored states)");
        return 0;
    }

    private static async Task<int> DeleteInClusterAsync(string name, bool confirmed, ClusterTarget target, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using var source = new ClusterCampaignSource(await RemoteCluster.ConnectAsync(target, stderr, cancellationToken));
        RemoteCluster cluster = source.Cluster;

        // Read first: a misspelt name gets the usual error, and the question names the size.
        CampaignReadout campaign = await source.ReadAsync(name, withResults: false, cancellationToken);
        if (!confirmed && !Confirm(stdin, stdout, $"delete campaign '{name}' ({campaign.Status.Points} points, all stored batches) from {cluster.Description}?"))
        {
            return 1;
        }

        var grain = cluster.Grains.GetGrain<ICampaignGrain>(name);
        CampaignDeletion deletion = await cluster.Retry.CallAsync(grain.Delete, $"deleting '{name}'", cancellationToken);
        if (deletion.Refusal is not null)
        {
            throw new UsageException(deletion.Refusal);
        }

        stdout.WriteLine($"deleted campaign '{name}' ({deletion.StoredStates} stored states)");
        return 0;
    }

    /// <summary>Asks on the terminal; false (after saying so) unless the answer is y or yes.</summary>
    private static bool Confirm(TextReader stdin, TextWriter stdout, string question)
    {
        stdout.Write($"{question} [y/N] ");
        stdout.Flush();
        string? answer = stdin.ReadLine();
        if (answer is null)
        {
            throw UsageException.ForOption("--yes", "no terminal to confirm on; pass --yes to delete without asking");
        }

        if (!answer.Trim().Equals("y", StringComparison.OrdinalIgnoreCase) && !answer.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            stdout.WriteLine("nothing deleted");
            return false;
        }

        return true;
    }

    private static async Task<int> CancelInClusterAsync(string name, ClusterTarget target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using var source = new ClusterCampaignSource(await RemoteCluster.ConnectAsync(target, stderr, cancellationToken));
        RemoteCluster cluster = source.Cluster;

        // Reading it first turns a misspelt name into the usual error instead of a no-op.
        await source.ReadAsync(name, withResults: false, cancellationToken);
        var campaign = cluster.Grains.GetGrain<ICampaignGrain>(name);
        await cluster.Retry.CallAsync(async () => { await campaign.Cancel(); return true; }, $"cancelling '{name}'", cancellationToken);
        stdout.WriteLine($"cancelled '{name}' in {cluster.Description}; stored results stay, `sweep run` with its spec resumes it");
        return 0;
    }
}
