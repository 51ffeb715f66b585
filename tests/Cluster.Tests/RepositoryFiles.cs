namespace Sweep.Cluster.Tests;

/// <summary>Finds files of the repository from the test's output directory (the folder holding Sweep.sln).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootValue = new(FindRoot);

    public static string Root => RootValue.Value;

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sweep.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Sweep.sln above {AppContext.BaseDirectory}");
    }
}
