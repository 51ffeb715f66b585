using Orleans.Storage;

namespace Sweep.Grains.Storage;

/// <summary>
/// Settings for one named <see cref="SqliteGrainStorage"/> provider.
/// </summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>
    /// Path of the SQLite file holding every grain's state. Created if missing.
    /// </summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// How long a connection waits for another writer (or a checkpoint) before failing.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Serializer for state payloads. Left null, it is filled from DI by Orleans'
    /// <see cref="DefaultStorageProviderSerializerOptionsConfigurator{TOptions}"/>.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
