namespace Sweep.Client.Cli;

/// <summary>
/// A problem with the machine rather than the command line: a store or directory that cannot
/// be used as asked. Its message is the one line the user sees (it names the path and the
/// cause); <see cref="ExitCode"/> is from <see cref="Grains.Interfaces.ExitCodes"/>.
/// </summary>
internal sealed class EnvironmentException : Exception
{
    public EnvironmentException(int exitCode, string message, Exception? inner = null)
        : base(message, inner)
        => ExitCode = exitCode;

    public int ExitCode { get; }
}
