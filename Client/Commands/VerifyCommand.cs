using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Hosting.Verification;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep verify CAMPAIGN [--sample K] [--repair]`: re-proves a campaign's stored results
/// (integrity check, every checksum, a sample computed again and compared bit for bit) and,
/// with --repair, computes again what is corrupt. Works on a stopped store, a live run and a
/// cluster alike.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Batches computed again by default: a few seconds at the presets' batch sizes.</summary>
    public const int DefaultSample = 3;

    public const int MaxSample = 100_000;

    public static async Task<int> RunAsync(string name, int? sample, bool repair, TargetOptions target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        int k = sample ?? DefaultSample;
        if (k is < 0 or > MaxSample)
        {
            throw UsageException.ForOption("--sample", $"must be 0 to {MaxSample} batches (got {k})");
        }

        await using IVerificationSource source = await CampaignTargets.OpenVerificationAsync(target, stderr, cancellationToken);
        return await CampaignVerifier.RunAsync(source, name, k, repair, stdout, cancellationToken);
    }
}
