namespace Sweep.Grains.Cluster;

/// <summary>
/// TLS between silos and clients cannot work as configured: a certificate, key or CA file is
/// missing or unusable, or a peer refused this side's certificate (or this side the peer's).
/// The same settings fail again, so nothing retries it (exit code 8, like a Redis TLS failure).
/// </summary>
public sealed class ClusterTlsException : Exception
{
    public ClusterTlsException()
    {
    }

    public ClusterTlsException(string message)
        : base(message)
    {
    }

    public ClusterTlsException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
