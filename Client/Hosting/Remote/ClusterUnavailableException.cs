namespace Sweep.Client.Hosting.Remote;

/// <summary>
/// No silo answered for longer than the outage limit (or the user stopped waiting): printed
/// as one line, exit code 4. Not a usage error: the same command works once the cluster is back.
/// </summary>
internal sealed class ClusterUnavailableException : Exception
{
    public const int ExitCode = Grains.Interfaces.ExitCodes.ClusterUnavailable;

    public ClusterUnavailableException(string message)
        : base(message)
    {
    }

    public ClusterUnavailableException()
    {
    }

    public ClusterUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
