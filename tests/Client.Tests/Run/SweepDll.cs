namespace Sweep.Client.Tests.Run;

/// <summary>
/// Finds the built sweep.dll: next to the tests when the build copied it with its runtime
/// config, else in the Client project's output for the same configuration as this assembly.
/// </summary>
public static class SweepDll
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        string here = AppContext.BaseDirectory;
        string local = System.IO.Path.Combine(here, "sweep.dll");
        if (File.Exists(local) && File.Exists(System.IO.Path.Combine(here, "sweep.runtimeconfig.json")))
        {
            return local;
        }

        // Tests run from <repo>/tests/Client.Tests/bin/<configuration>/<framework>/.
        var framework = new DirectoryInfo(here.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        string configuration = framework.Parent!.Name;
        DirectoryInfo? repo = framework;
        while (repo is not null && !File.Exists(System.IO.Path.Combine(repo.FullName, "Sweep.sln")))
        {
            repo = repo.Parent;
        }

        Assert.True(repo is not null, $"no Sweep.sln above {here}");
        string built = System.IO.Path.Combine(repo.FullName, "Client", "bin", configuration, framework.Name, "sweep.dll");
        Assert.True(File.Exists(built), $"sweep.dll is not built at {built}; build the solution first");
        return built;
    }
}
