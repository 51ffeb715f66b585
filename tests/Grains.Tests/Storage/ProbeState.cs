namespace Sweep.Grains.Tests.Storage;

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public string? Label { get; set; }
}
