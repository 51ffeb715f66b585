using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using StackExchange.Redis;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Batches;
using Sweep.Grains.Cluster;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A Redis store written by the last build before the envelope (the `sweep-silo:pre-envelope`
/// image, built by scripts/provision-docker from commit d6a13ee) is resumed by a silo of this build, in this process: every batch the old silo
/// stored is reused, states without an envelope are read as format 1, and the results carry
/// the bits of a fresh run. Then the batch store itself, over the same Redis.
/// </summary>
public sealed class RedisStoreMigrationTests
{
    private const int BasePort = 17500;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [PreEnvelopeSiloFact]
    public async Task A_store_of_the_previous_build_resumes_reusing_every_stored_batch_with_the_bits_of_a_fresh_run()
    {
        await using TestCluster old = await TestCluster.StartAsync(BasePort, silos: 1, siloImage: PreEnvelopeSiloFactAttribute.Image);
        int total;
        await using (RemoteCluster client = await old.ConnectAsync())
        {
            total = (await CampaignDriver.SubmitAsync(client.Grains, Specs.Small)).BatchesTotal;
            CampaignStatus part = await CampaignDriver.WaitAsync(client.Grains, s => s.BatchesDone >= 20 || s.Finished, Timeout);
            Assert.False(part.Finished, "the old silo finished before it could be stopped mid-way");
        }

        await old.Silos[0].StopAsync();
        IReadOnlyList<string> storedByOld = old.StoredBatchKeys();
        Assert.InRange(storedByOld.Count, 20, total - 1);

        // The premise: what the old silo stored carries no envelope.
        await using (ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(old.RedisEndpoint.ToConfigurationOptions()))
        {
            byte[] bare = (byte[])(await connection.GetDatabase().HashGetAsync(RedisKey(storedByOld[0]), "data"))!;
            Assert.Equal(StoredEnvelope.BareFormatVersion, StoredEnvelope.Open(bare, storedByOld[0]).FormatVersion);
        }

        using IHost silo = await StartSiloAsync(old.RedisEndpoint);
        IGrainFactory grains = silo.Services.GetRequiredService<IGrainFactory>();
        IBatchResultStore store = silo.Services.GetRequiredService<IBatchResultStore>();
        foreach (string key in storedByOld)
        {
            BatchResult? result = await store.ReadAsync(ParseBatch(key));
            Assert.NotNull(result);
            Assert.Equal(key, result.Id.GrainKey);
        }

        await CampaignDriver.SubmitAsync(grains, Specs.Small);
        CampaignStatus resumed = await CampaignDriver.WaitFinishedAsync(grains, Timeout);
        CampaignDriver.AssertComplete(resumed);
        Assert.Equal(total - storedByOld.Count, silo.Services.GetRequiredService<ComputePool>().BatchesComputed);
        await AssertStatesFramedAsync(old);

        // The same spec under another name (seeds do not depend on it), computed from scratch.
        const string Fresh = "cluster-test-fresh";
        SubmitResult fresh = await grains.GetGrain<ICampaignGrain>(Fresh).Submit(Specs.Small.Replace($"\"{Specs.Name}\"", $"\"{Fresh}\"", StringComparison.Ordinal));
        Assert.Null(fresh.Error);
        await TestCluster.WaitForAsync(async () => (await grains.GetGrain<ICampaignGrain>(Fresh).GetStatus()).Finished, Timeout, "the fresh campaign to finish");
        AssertSameBits(
            await grains.GetGrain<ICampaignGrain>(Specs.Name).GetResults(),
            await grains.GetGrain<ICampaignGrain>(Fresh).GetResults(),
            silo.Services.GetRequiredService<Serializer>());

        await AssertStoreSemanticsAsync(store, ParseBatch(storedByOld[0]), old.RedisEndpoint);
        await silo.StopAsync();
    }

    // The campaign and the points this build wrote since now carry the envelope (a point the old
    // silo finished is not written again, and stays as it was).
    private static async Task AssertStatesFramedAsync(TestCluster old)
    {
        string prefix = $"{ClusterSiloSettings.DefaultServiceId}/state/";
        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(old.RedisEndpoint.ToConfigurationOptions());
        IDatabase db = connection.GetDatabase();
        async Task<OpenedPayload> Open(string key) => StoredEnvelope.Open((byte[])(await db.HashGetAsync(key, "data"))!, key);

        OpenedPayload campaign = await Open(prefix + $"campaign/{Specs.Name}/campaign");
        Assert.Equal((StoredEnvelope.FormatVersion, PayloadCodec.OrleansBinary), (campaign.FormatVersion, campaign.Codec));
        var points = new List<OpenedPayload>();
        foreach (string key in old.StoredKeys(prefix + $"gridpoint/{Specs.Name}/*"))
        {
            points.Add(await Open(key));
        }

        Assert.Contains(points, p => p.FormatVersion == StoredEnvelope.FormatVersion);
    }

    // Insert-if-absent, erase, and a damaged payload reported as such, against real Redis.
    private static async Task AssertStoreSemanticsAsync(IBatchResultStore store, BatchId stored, RedisEndpoint redis)
    {
        BatchResult result = (await store.ReadAsync(stored))!;
        Assert.False(await store.TryInsertAsync(result));

        var copy = new BatchId(stored.Point with { Campaign = "store-copy" }, stored.First, stored.Count);
        BatchResult copied = result with { Id = copy };
        Assert.True(await store.TryInsertAsync(copied));
        Assert.False(await store.TryInsertAsync(copied));
        Assert.Equal(result.Sums.Mag, (await store.ReadAsync(copy))!.Sums.Mag);

        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis.ToConfigurationOptions());
        IDatabase db = connection.GetDatabase();
        string key = RedisKey(copy.GrainKey);
        byte[] payload = (byte[])(await db.HashGetAsync(key, "data"))!;
        Assert.Equal(PayloadCodec.BatchSumsRaw, StoredEnvelope.Open(payload, key).Codec);
        payload[^5] ^= 0x04;
        await db.HashSetAsync(key, "data", payload);
        var corrupt = await Assert.ThrowsAsync<StoredPayloadCorruptException>(() => store.ReadAsync(copy));
        Assert.Contains(copy.GrainKey, corrupt.Message, StringComparison.Ordinal);

        Assert.True(await store.EraseAsync(copy));
        Assert.False(await db.KeyExistsAsync(key));
        Assert.Null(await store.ReadAsync(copy));
        Assert.False(await store.EraseAsync(copy));
    }

    // Where Orleans' Redis grain storage kept a batch grain's state, and the batch store keeps results.
    private static string RedisKey(string batch) => $"{ClusterSiloSettings.DefaultServiceId}/state/realizationbatch/{batch}/batch";

    private static async Task<IHost> StartSiloAsync(RedisEndpoint redis)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseSweepCluster(new ClusterSiloSettings
        {
            Redis = redis,
            SiloPort = BasePort + 5,
            GatewayPort = BasePort + 15,
            Slots = 2,
            ResumePeriod = TimeSpan.FromSeconds(5),
        }));
        IHost host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // Every result field by its bytes in Orleans' encoding (doubles as their 8 raw bytes), with
    // the campaign name and the provenance (host, time) taken from one side.
    private static void AssertSameBits(PointResult[] resumed, PointResult[] fresh, Serializer serializer)
    {
        Assert.Equal(fresh.Length, resumed.Length);
        foreach (PointResult f in fresh)
        {
            PointResult r = Assert.Single(resumed, x => x.Key with { Campaign = f.Key.Campaign } == f.Key);
            byte[] expected = serializer.SerializeToArray(f);
            byte[] actual = serializer.SerializeToArray(r with { Key = f.Key, Provenance = f.Provenance });
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"point {r.Key.GrainKey} differs from a fresh run");
        }
    }

    // "campaign/d/alpha/x/N/first+count", as a point names its batches.
    private static BatchId ParseBatch(string key)
    {
        string[] parts = key.Split('/');
        string[] range = parts[5].Split('+');
        var point = new PointKey(
            parts[0],
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture),
            double.Parse(parts[3], CultureInfo.InvariantCulture),
            int.Parse(parts[4], CultureInfo.InvariantCulture));
        return new BatchId(point, long.Parse(range[0], CultureInfo.InvariantCulture), int.Parse(range[1], CultureInfo.InvariantCulture));
    }
}
