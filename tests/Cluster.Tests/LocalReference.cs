using Sweep.Client.Local;
using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>The test campaign run once in local mode (in-process silo, SQLite in a temporary directory): what every cluster run must equal.</summary>
internal static class LocalReference
{
    private static readonly Lazy<Task<CampaignSnapshot>> Snapshot = new(RunAsync);

    public static Task<CampaignSnapshot> GetAsync() => Snapshot.Value;

    private static async Task<CampaignSnapshot> RunAsync()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sweep-cluster-reference-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using LocalCluster local = await LocalCluster.StartAsync(DataDirectory.Resolve(dir), 2, CancellationToken.None);
            await CampaignDriver.SubmitAsync(local.Grains, Specs.Small);
            CampaignStatus status = await CampaignDriver.WaitFinishedAsync(local.Grains, TimeSpan.FromMinutes(3));
            CampaignDriver.AssertComplete(status);
            return await CampaignSnapshot.TakeAsync(local.Grains, Specs.Name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
