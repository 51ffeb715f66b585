namespace Sweep.Grains.Storage.Payloads;

/// <summary>How the body of a <see cref="StoredEnvelope"/> is encoded. Stored: never renumber.</summary>
public enum PayloadCodec : ushort
{
    /// <summary>A grain state in Orleans' binary serialization (what every payload was before the envelope).</summary>
    OrleansBinary = 1,

    /// <summary>A batch result: its exact Int128 sums as raw little-endian arrays (<see cref="BatchResultCodec"/>).</summary>
    BatchSumsRaw = 2,
}
