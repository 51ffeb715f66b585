namespace Sweep.Campaigns.Tests;

/// <summary>Finds files of the repository from the test binaries, wherever they were built.</summary>
internal static class RepoRoot
{
    public static string PathOf(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sweep.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("cannot find the repository root (Sweep.sln) above " + AppContext.BaseDirectory);
        }

        return Path.Combine([dir.FullName, .. parts]);
    }
}
