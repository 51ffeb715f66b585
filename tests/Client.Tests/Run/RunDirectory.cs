namespace Sweep.Client.Tests.Run;

/// <summary>
/// One test's temporary directory for specs and data directories. It is removed after the test,
/// with SQLite's pooled connections closed first so that the store's files can go.
/// </summary>
internal sealed class RunDirectory : IDisposable
{
    public RunDirectory(string prefix)
    {
        Root = Path.Combine(Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail the test.
        }
    }
}
