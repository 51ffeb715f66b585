using Orleans.Storage;

namespace Sweep.Grains.Storage.Payloads;

/// <summary>
/// The grain-state serializer of both stores: Orleans' binary serialization inside a
/// <see cref="StoredEnvelope"/>. Reads verify the checksum, accept bare (format 1) payloads of
/// older builds, and refuse a state whose <see cref="IVersionedState.SchemaVersion"/> is newer
/// than <see cref="StorageSchema.Version"/>.
/// </summary>
public sealed class EnvelopedStateSerializer : IGrainStorageSerializer, IGrainStorageStreamingSerializer
{
    private static readonly byte[] EmptyHeader = new byte[StoredEnvelope.HeaderLength];

    private readonly IGrainStorageSerializer _inner;

    /// <param name="inner">Orleans' binary serializer (<see cref="OrleansGrainStorageSerializer"/>).</param>
    public EnvelopedStateSerializer(IGrainStorageSerializer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <inheritdoc/>
    public BinaryData Serialize<T>(T? input)
        => new(StoredEnvelope.Wrap(PayloadCodec.OrleansBinary, _inner.Serialize(input).ToMemory().Span));

    /// <inheritdoc/>
    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReadOrRebuild<T>(input.ToMemory(), key: null);
    }

    /// <summary>
    /// What the grain storage providers read: <see cref="Read{T}"/>, except that a corrupt
    /// payload of an <see cref="IRebuildableState"/> gives an empty state naming the damage, for
    /// its grain to rebuild (the next write replaces the damaged payload).
    /// </summary>
    public T? ReadOrRebuild<T>(ReadOnlyMemory<byte> stored, string? key)
    {
        try
        {
            return Read<T>(stored, key);
        }
        catch (StoredPayloadCorruptException e) when (typeof(IRebuildableState).IsAssignableFrom(typeof(T)))
        {
            T empty = Activator.CreateInstance<T>();
            ((IRebuildableState)empty!).CorruptPayload = e.Message;
            return empty;
        }
    }

    /// <summary>
    /// Reads a stored state; <paramref name="key"/> names it in errors
    /// (<see cref="StoredPayloadCorruptException"/>, <see cref="StoredPayloadVersionException"/>).
    /// </summary>
    public T? Read<T>(ReadOnlyMemory<byte> stored, string? key)
    {
        OpenedPayload opened = StoredEnvelope.Open(stored, key);
        if (opened.Codec != PayloadCodec.OrleansBinary)
        {
            throw new StoredPayloadCorruptException(key, $"a state cannot be in codec {opened.Codec}");
        }

        T? state;
        try
        {
            state = _inner.Deserialize<T>(new BinaryData(opened.Body));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bare payload has no checksum: a decoding failure is the only sign that it is damaged.
            throw new StoredPayloadCorruptException(key, $"format {opened.FormatVersion} state does not decode as {typeof(T).Name} ({e.GetType().Name}: {e.Message})", e);
        }

        CheckVersion(state, key);
        return state;
    }

    /// <summary>Refuses a state written under a newer <see cref="StorageSchema.Version"/>.</summary>
    public static void CheckVersion<T>(T? state, string? key)
    {
        if (state is IVersionedState versioned && versioned.SchemaVersion > StorageSchema.Version)
        {
            throw new StoredPayloadVersionException(key, $"{typeof(T).Name} schema version {versioned.SchemaVersion}, this build knows up to {StorageSchema.Version}");
        }
    }

    /// <inheritdoc/>
    public async ValueTask SerializeAsync<T>(T? input, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_inner is IGrainStorageStreamingSerializer streaming
            && destination is MemoryStream buffer
            && buffer.Position == buffer.Length)
        {
            // Straight into the caller's (reused) buffer, header first, sealed in place: no copy
            // of a 100 kB state.
            int start = (int)buffer.Position;
            buffer.Write(EmptyHeader);
            await streaming.SerializeAsync(input, buffer, cancellationToken).ConfigureAwait(false);
            if (buffer.TryGetBuffer(out ArraySegment<byte> written))
            {
                StoredEnvelope.Seal(written.AsSpan(start, (int)buffer.Length - start), PayloadCodec.OrleansBinary);
                return;
            }

            buffer.SetLength(start);
        }

        BinaryData framed = Serialize(input);
        await destination.WriteAsync(framed.ToMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<T?> DeserializeAsync<T>(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var copy = new MemoryStream();
        await input.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return ReadOrRebuild<T>(copy.GetBuffer().AsMemory(0, (int)copy.Length), key: null);
    }
}
