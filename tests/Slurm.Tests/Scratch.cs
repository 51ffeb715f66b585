namespace Sweep.Slurm.Tests;

/// <summary>Temporary directories for jobs' storage and results, removed when the test process ends.</summary>
internal static class Scratch
{
    private static readonly string Root = CreateRoot();

    public static string Directory(string name)
    {
        string path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static string CreateRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), "sweep-slurm-tests-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A job still writing its log; the directory is in /tmp.
            }
        };
        return root;
    }
}
