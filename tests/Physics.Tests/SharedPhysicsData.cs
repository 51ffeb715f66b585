namespace Sweep.Physics.Tests;

/// <summary>Locates the physics test data in shared/physics beside the repository.</summary>
internal static class SharedPhysicsData
{
    public static string PathOf(string fileName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sweep.sln")))
        {
            dir = dir.Parent;
        }

        if (dir?.Parent is null)
        {
            throw new InvalidOperationException("cannot find the repository root (Sweep.sln) above " + AppContext.BaseDirectory);
        }

        string path = Path.Combine(dir.Parent.FullName, "shared", "physics", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"physics test data missing: {path}", path);
        }

        return path;
    }
}
