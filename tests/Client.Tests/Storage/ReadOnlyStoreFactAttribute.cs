using System.Diagnostics;

namespace Sweep.Client.Tests.Storage;

/// <summary>
/// A test that needs a store nothing can write. As root (as CI runs) permission bits stop
/// nothing, so the file and its directory are made immutable with `chattr +i`, which stops
/// root too; elsewhere the permission bits are used. Skipped, with the reason, only as root on
/// a file system or machine without chattr.
/// </summary>
public sealed class ReadOnlyStoreFactAttribute : FactAttribute
{
    public ReadOnlyStoreFactAttribute()
    {
        if (ReadOnlyFiles.AsRoot && !ReadOnlyFiles.ChattrWorks())
        {
            Skip = "running as root, where permission bits do not stop writes, and `chattr +i` is unavailable here";
        }
    }
}

/// <summary>Makes a store read-only and back, as root or not (see <see cref="ReadOnlyStoreFactAttribute"/>).</summary>
public static class ReadOnlyFiles
{
    public static bool AsRoot => Environment.UserName == "root";

    public static bool ChattrWorks()
    {
        DirectoryInfo probe = Directory.CreateTempSubdirectory("sweep-chattr-");
        try
        {
            return Chattr("+i", probe.FullName) && Chattr("-i", probe.FullName);
        }
        finally
        {
            probe.Delete();
        }
    }

    public static void Protect(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix file modes and chattr");
        }

        foreach (string path in paths)
        {
            if (AsRoot)
            {
                Assert.True(Chattr("+i", path), $"chattr +i {path}");
            }
            else if (Directory.Exists(path))
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            }
            else
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead);
            }
        }
    }

    public static void Release(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix file modes and chattr");
        }

        foreach (string path in paths)
        {
            if (AsRoot)
            {
                Chattr("-i", path);
            }
            else
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | (Directory.Exists(path) ? UnixFileMode.UserExecute : 0));
            }
        }
    }

    private static bool Chattr(string change, string path)
    {
        try
        {
            using Process? p = Process.Start(new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true, UseShellExecute = false });
            if (p is null)
            {
                return false;
            }

            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
