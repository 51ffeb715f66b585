namespace Sweep.Grains.Interfaces;

/// <summary>
/// The answer to submitting a spec: either Error (the spec is invalid or would alter stored
/// results) or the campaign's size and how many batches were already stored. BatchesAlreadyStored
/// counts merged batches only: a batch stored just before a crash, and not yet in its point's
/// stored state, is found stored later and counted in the status's BatchesFoundStored.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SubmitResult(
    [property: Id(0)] string? Error,
    [property: Id(1)] int Points,
    [property: Id(2)] int BatchesTotal,
    [property: Id(3)] int BatchesAlreadyStored,
    [property: Id(4)] bool Extended,
    [property: Id(5)] int BatchesFoundStored = 0);
