using Sweep.Client.Hosting.Local;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>
/// The test campaign run once in local mode (in-process silo, SQLite in a temporary directory):
/// what every cluster run must equal. The data directory stays until the test process exits,
/// so the CLI tests can read it with the local-mode commands.
/// </summary>
internal static class LocalReference
{
    private static readonly Lazy<Task<(CampaignSnapshot Snapshot, string DataPath)>> Run = new(RunAsync);

    public static async Task<CampaignSnapshot> GetAsync() => (await Run.Value).Snapshot;

    /// <summary>The finished reference campaign's data directory, for `sweep ... --data`.</summary>
    public static async Task<string> DataPathAsync() => (await Run.Value).DataPath;

    private static async Task<(CampaignSnapshot, string)> RunAsync()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sweep-cluster-reference-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        };
        await using LocalCluster local = await LocalCluster.StartAsync(DataDirectory.Resolve(dir), 2, CancellationToken.None);
        await CampaignDriver.SubmitAsync(local.Grains, Specs.Small);
        CampaignStatus status = await CampaignDriver.WaitFinishedAsync(local.Grains, TimeSpan.FromMinutes(3));
        CampaignDriver.AssertComplete(status);
        return (await CampaignSnapshot.TakeAsync(local.Grains, Specs.Name), dir);
    }
}
