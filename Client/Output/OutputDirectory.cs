using Sweep.Client.Cli;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Output;

/// <summary>
/// The directory `sweep export` and `sweep report` write into (`--out`). It must be named, must
/// not be a file, and is written into only if it is empty or was made by the same command
/// (a marker file says so) unless `--force` is given, so that a mistyped `--out` never writes
/// over a user's files. Every file goes to a temporary name first and is renamed into place, so
/// an interrupted export leaves whole files only.
/// </summary>
internal sealed class OutputDirectory
{
    private OutputDirectory(string path, string command)
    {
        Path = path;
        Command = command;
    }

    public string Path { get; }

    private string Command { get; }

    private string MarkerPath => MarkerIn(Path, Command);

    /// <summary>Checks the target before anything is read or written; throws a usage error naming the option (--out, or run's --export) and the reason.</summary>
    public static OutputDirectory Check(string? given, string command, bool force, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            throw UsageException.ForOption(option, "is empty; name the directory to write into");
        }

        string path = System.IO.Path.GetFullPath(given);
        if (File.Exists(path))
        {
            throw UsageException.ForOption(option, $"{path} is a file; name a directory");
        }

        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any() && !File.Exists(MarkerIn(path, command)) && !force)
        {
            throw UsageException.ForOption(option, $"{path} is not empty and was not written by `sweep {command}`; choose an empty or new directory, or pass --force to write into it");
        }

        return new OutputDirectory(path, command);
    }

    /// <summary>Creates the directory (and marks it as this command's); a directory that cannot be written is one line naming it.</summary>
    public void Create()
    {
        try
        {
            Directory.CreateDirectory(Path);
            WriteText(MarkerPath, $"written by `sweep {Command}`; `sweep {Command}` may refresh the files here\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The machine, not the command line: the same --out works once it is writable.
            throw new EnvironmentException(ExitCodes.StoreUnusable, $"--out {Path}: cannot be written ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>Writes a file under the directory whole: to a temporary name, then renamed over the old one.</summary>
    public void WriteText(string relativePath, string text)
        => Replace(relativePath, temporary => File.WriteAllText(temporary, text));

    /// <summary>As <see cref="WriteText"/>, for a file another library writes (a PNG).</summary>
    public void Replace(string relativePath, Action<string> writeTo)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        string target = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        string temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(target)!, $".{System.IO.Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            writeTo(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string MarkerIn(string path, string command) => System.IO.Path.Combine(path, $".sweep-{command}");
}
