namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// Grain with one state on a named provider and one on the default provider,
/// so a single cluster exercises both registrations.
/// </summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task SetAsync(int named, int onDefault);

    Task<(int Named, int OnDefault)> GetAsync();

    Task ClearNamedAsync();

    Task<bool> NamedRecordExistsAsync();
}
