namespace Sweep.Slurm.Tests;

/// <summary>
/// The checkout these tests were built from, and its built programs. The tests run the
/// repository's own deploy/slurm/sweep.sbatch, unchanged, with `sweep` and `sweep-silo` from the
/// same build, as a user's SWEEP_HOME would hold them after `dotnet publish`.
/// </summary>
internal static class Repository
{
    private static readonly Lazy<string> RootValue = new(FindRoot);
    private static readonly Lazy<string> HomeValue = new(MakeSweepHome);

    public static string Root => RootValue.Value;

    public static string Script => Path.Combine(Root, "deploy", "slurm", "sweep.sbatch");

    /// <summary>A directory with `sweep` and `sweep-silo` launchers for the built dlls.</summary>
    public static string SweepHome => HomeValue.Value;

    // Tests run from <repo>/tests/Slurm.Tests/bin/<configuration>/<framework>/.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string Framework => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string Built(string project, string dll)
    {
        string path = Path.Combine(Root, project, "bin", Configuration, Framework, dll);
        Assert.True(File.Exists(path), $"{path} is not built; build the solution first");
        return path;
    }

    private static string FindRoot()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sweep.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"no Sweep.sln above {AppContext.BaseDirectory}");
    }

    private static string MakeSweepHome()
    {
        string home = Scratch.Directory("home");
        Launcher(Path.Combine(home, "sweep"), Built("Client", "sweep.dll"));
        Launcher(Path.Combine(home, "sweep-silo"), Built("Silo", "sweep-silo.dll"));
        return home;
    }

    private static void Launcher(string path, string dll)
    {
        File.WriteAllText(path, $"#!/bin/sh\nexec /usr/bin/env dotnet '{dll}' \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
