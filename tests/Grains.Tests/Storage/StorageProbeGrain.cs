namespace Sweep.Grains.Tests.Storage;

public sealed class StorageProbeGrain(
    [PersistentState("probe", StorageProbeGrain.ProviderName)] IPersistentState<ProbeState> named,
    [PersistentState("probe-default")] IPersistentState<ProbeState> onDefault)
    : Grain, IStorageProbeGrain
{
    public const string ProviderName = "sqlite";

    public async Task SetAsync(int namedValue, int defaultValue)
    {
        named.State.Value = namedValue;
        onDefault.State.Value = defaultValue;
        await named.WriteStateAsync();
        await onDefault.WriteStateAsync();
    }

    public Task<(int Named, int OnDefault)> GetAsync() => Task.FromResult((named.State.Value, onDefault.State.Value));

    public Task ClearNamedAsync() => named.ClearStateAsync();

    public Task<bool> NamedRecordExistsAsync() => Task.FromResult(named.RecordExists);
}
