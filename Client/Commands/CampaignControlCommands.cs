using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary>`sweep cancel` and `sweep delete`: change what the store or the cluster holds for a campaign.</summary>
internal static class CampaignControlCommands
{
    /// <summary>
    /// Cancels a campaign through its campaign grain, wherever it is: a cluster, a live local
    /// run (which then stops within a status poll) or a stopped store. `sweep run` resumes it.
    /// A finished campaign is left as it is.
    /// </summary>
    public static async Task<int> CancelAsync(string name, TargetOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using ICampaignTarget target = await CampaignTargets.OpenAsync(options, stderr, cancellationToken);
        CancelOutcome outcome = await target.CancelAsync(name, cancellationToken);
        stdout.WriteLine(outcome == CancelOutcome.AlreadyFinished
            ? $"campaign '{name}' in {target.Description} has finished; nothing to cancel, nothing changed"
            : $"cancelled '{name}' in {target.Description}; stored results stay, `sweep run` with its spec resumes it");
        return 0;
    }

    /// <summary>
    /// Deletes every stored state of a campaign, after confirmation unless --yes, through its
    /// campaign grain, which erases its points and their batches and refuses while the
    /// campaign runs or has batches in flight (see ICampaignGrain.Delete). A stopped local
    /// campaign is not running, whatever its stored state says.
    /// </summary>
    public static async Task<int> DeleteAsync(string name, bool confirmed, TargetOptions options, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using ICampaignTarget target = await CampaignTargets.OpenAsync(options, stderr, cancellationToken);

        // Read first: a misspelt name gets the usual error, and the question names the size.
        CampaignReadout campaign = await target.ReadAsync(name, withResults: false, cancellationToken);
        if (!confirmed && !Confirm(stdin, stdout, $"delete campaign '{name}' ({campaign.Status.Points} points, all stored batches) from {target.Description}?"))
        {
            return 1;
        }

        CampaignDeletion deletion = await target.DeleteAsync(name, cancellationToken);
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
}
