namespace Sweep.Grains.Cluster;

/// <summary>Why a Redis server cannot be used, as <see cref="RedisProbe"/> found it: the kind decides the exit code.</summary>
/// <param name="Message">One line naming the address and the cause; it never holds the password.</param>
public sealed record RedisProblem(RedisProblemKind Kind, string Message)
{
    /// <summary>
    /// A wrong or missing password, or a failed TLS handshake: the same settings will fail again,
    /// so nothing retries them (exit code 8).
    /// </summary>
    public bool IsAuthentication => Kind is RedisProblemKind.NeedsPassword or RedisProblemKind.Refused or RedisProblemKind.Tls;

    public override string ToString() => Message;
}

public enum RedisProblemKind
{
    /// <summary>Nothing answers at the address (connection refused, timeout, name not found).</summary>
    Unreachable,

    /// <summary>A server answered, but not as Redis does (a wrong port, a server still loading).</summary>
    Unexpected,

    /// <summary>Redis answered and wants a password that was not given ("not there" is <see cref="Unreachable"/>).</summary>
    NeedsPassword,

    /// <summary>Redis refused the password or user, or refuses this client (protected mode).</summary>
    Refused,

    /// <summary>The TLS handshake failed, or one side speaks TLS and the other does not.</summary>
    Tls,
}
