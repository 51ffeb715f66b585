namespace Sweep.Grains.Storage;

/// <summary>
/// One live grain state as found in the store, still in its serialized form.
/// </summary>
/// <param name="StateName">Name the state was persisted under (the <c>[PersistentState]</c> name).</param>
/// <param name="GrainId">Grain id string, <c>type/key</c>.</param>
/// <param name="ETag">Version etag, as the provider hands it to grains.</param>
/// <param name="CreatedUtc">When the current record was first written.</param>
/// <param name="ModifiedUtc">When the record was last written.</param>
/// <param name="Payload">Serialized state, in the format of the silo's configured storage serializer.</param>
public sealed record StoredStateRow(
    string StateName,
    string GrainId,
    string ETag,
    DateTimeOffset CreatedUtc,
    DateTimeOffset ModifiedUtc,
    ReadOnlyMemory<byte> Payload);
