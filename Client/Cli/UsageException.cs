namespace Sweep.Client.Cli;

/// <summary>Bad command-line input: printed as one line naming the option, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static UsageException ForOption(string option, string reason) => new($"{option}: {reason}");
}
