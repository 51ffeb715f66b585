using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Sweep.Grains.Batches;
using Sweep.Grains.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Points;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Storage;

/// <summary>
/// Reads Sweep's stored campaigns and points straight from the SQLite file, without a silo and
/// while a run is writing to it (for `sweep status`, `table`, `export`, `report`).
/// </summary>
public sealed class SweepStoreReader : IDisposable
{
    private readonly SqliteStateReader _reader;
    private readonly ServiceProvider _services;
    private readonly EnvelopedStateSerializer _serializer;
    private readonly BatchResultCodec _codec;

    private SweepStoreReader(SqliteStateReader reader)
    {
        _reader = reader;
        _services = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(CampaignState).Assembly).AddAssembly(typeof(PointKey).Assembly))
            .BuildServiceProvider();
        _serializer = new EnvelopedStateSerializer(new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()));
        _codec = new BatchResultCodec(_services.GetRequiredService<Serializer>());
    }

    public static SweepStoreReader Open(string databasePath) => new(SqliteStateReader.Open(databasePath));

    /// <summary>Names of the stored campaigns, sorted.</summary>
    public IReadOnlyList<string> CampaignNames()
        => _reader.ReadByGrainIdPrefix(GrainIds.CampaignPrefix)
            .Where(r => r.StateName == "campaign")
            .Select(r => r.GrainId[GrainIds.CampaignPrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The campaign's stored state, or null if there is none.</summary>
    public CampaignState? Campaign(string name)
    {
        StoredStateRow? row = _reader.ReadByGrainIdPrefix(GrainIds.CampaignPrefix + name)
            .FirstOrDefault(r => r.StateName == "campaign" && r.GrainId == GrainIds.CampaignPrefix + name);
        return row is null ? null : Deserialize<CampaignState>(row);
    }

    /// <summary>Every stored grid-point state of the campaign, by grain key.</summary>
    public IReadOnlyDictionary<string, PointState> Points(string campaign)
    {
        string prefix = GrainIds.PointPrefix + campaign + "/";
        return _reader.ReadByGrainIdPrefix(prefix)
            .Where(r => r.StateName == "point")
            .ToDictionary(r => r.GrainId[GrainIds.PointPrefix.Length..], Deserialize<PointState>, StringComparer.Ordinal);
    }

    /// <summary>
    /// Every stored grid-point state of the campaign, by grain key: the state, or (state null)
    /// the damage that makes its payload unusable.
    /// </summary>
    public IReadOnlyDictionary<string, (PointState? State, string? Damage)> CheckedPoints(string campaign)
    {
        string prefix = GrainIds.PointPrefix + campaign + "/";
        var points = new Dictionary<string, (PointState?, string?)>(StringComparer.Ordinal);
        foreach (StoredStateRow row in _reader.ReadByGrainIdPrefix(prefix).Where(r => r.StateName == "point"))
        {
            string key = row.GrainId[GrainIds.PointPrefix.Length..];
            try
            {
                points[key] = (Deserialize<PointState>(row), null);
            }
            catch (StoredPayloadCorruptException e)
            {
                points[key] = (null, e.Message);
            }
        }

        return points;
    }

    /// <summary>The batch's stored result, or null when none is stored.</summary>
    /// <exception cref="StoredPayloadCorruptException">The stored bytes fail their checksum or do not decode.</exception>
    public BatchResult? Batch(BatchId id)
    {
        string key = BatchKeys.Of(id);
        StoredStateRow? row = _reader.ReadOne(BatchKeys.StateName, key);
        return row is null ? null : _codec.Decode(row.Payload, BatchKeys.StateName + "/" + key);
    }

    /// <summary>SQLite's integrity check of the file: its problems, none when sound.</summary>
    public IReadOnlyList<string> IntegrityProblems() => _reader.IntegrityProblems();

    /// <summary>Number of stored batch results of the campaign.</summary>
    public int StoredBatches(string campaign)
        => _reader.ReadByGrainIdPrefix(GrainIds.BatchPrefix + campaign + "/").Count(r => r.StateName == "batch");

    public void Dispose()
    {
        _reader.Dispose();
        _services.Dispose();
    }

    private T Deserialize<T>(StoredStateRow row)
        => _serializer.Read<T>(row.Payload, row.StateName + "/" + row.GrainId)
            ?? throw new InvalidDataException($"stored state of {row.GrainId} is empty");
}
