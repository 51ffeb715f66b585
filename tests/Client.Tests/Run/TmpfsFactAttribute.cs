using System.Diagnostics;

namespace Sweep.Client.Tests.Run;

/// <summary>
/// A test that mounts a small tmpfs to fill a disk for real: it needs root on Linux (CI runs as
/// root, so it runs there), and is skipped with the reason elsewhere.
/// </summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "mounts a tmpfs, which needs Linux";
        }
        else if (Environment.UserName != "root")
        {
            Skip = "mounts a tmpfs to fill a disk, which needs root (CI runs as root)";
        }
    }
}

/// <summary>mount and umount of a tmpfs of a given size.</summary>
public static class Tmpfs
{
    public static void Mount(string path, string size) => Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);

    public static void Resize(string path, string size) => Run("mount", "-o", $"remount,size={size}", path);

    public static void Unmount(string path) => Run("umount", path);

    private static void Run(string command, params string[] args)
    {
        using Process p = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, UseShellExecute = false })!;
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{command} {string.Join(' ', args)}: {error}");
    }
}
