namespace Sweep.Client;

/// <summary>Entry point of the `sweep` command: dispatches to a sub-command.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("sweep: no command yet");
        return 2;
    }
}
