namespace Sweep.Client.Hosting;

/// <summary>
/// The options that say which campaigns a command works on, as the user gave them: `--data DIR`
/// for a local data directory, or `--redis HOST:PORT` (with `--cluster-id`, `--service-id`,
/// `--outage-seconds`) for a cluster. Null means not given. Every command that reads or changes
/// campaigns resolves its target from this one record (<see cref="CampaignTargets"/>).
/// </summary>
internal sealed record TargetOptions(string? Data, string? Redis, string? ClusterId, string? ServiceId, double? OutageSeconds)
{
    public const string Usage = "[--data DIR | " + ClusterTarget.Usage + "]";

    /// <summary>How to authenticate to the cluster's Redis and whether to use TLS (with --redis only).</summary>
    public RedisAccessOptions RedisAccess { get; init; } = RedisAccessOptions.None;

    /// <summary>TLS between this client and the cluster's gateways (with --redis only).</summary>
    public ClusterTlsOptions ClusterTls { get; init; } = ClusterTlsOptions.None;
}

/// <summary>
/// `--tls-cert`, `--tls-key`, `--tls-ca` as given (null where not given). A PFX's or encrypted
/// key's password is never an option: it comes from SWEEP_TLS_KEY_PASSWORD.
/// </summary>
internal sealed record ClusterTlsOptions(string? Certificate, string? Key, string? Ca)
{
    public static ClusterTlsOptions None { get; } = new(null, null, null);

    /// <summary>The options given, by name, to refuse them in local mode.</summary>
    public IEnumerable<string> Given()
    {
        foreach ((string name, bool given) in new[] { ("--tls-cert", Certificate is not null), ("--tls-key", Key is not null), ("--tls-ca", Ca is not null) })
        {
            if (given)
            {
                yield return name;
            }
        }
    }
}

/// <summary>
/// `--redis-user`, `--redis-password-file`, `--redis-tls`, `--redis-ca`, `--redis-cert`,
/// `--redis-key` as given (null or false where not given). The password itself is never an
/// option: it comes from the file or from SWEEP_REDIS_PASSWORD.
/// </summary>
internal sealed record RedisAccessOptions(string? User, string? PasswordFile, bool Tls, string? Ca, string? Certificate, string? Key)
{
    public static RedisAccessOptions None { get; } = new(null, null, false, null, null, null);

    /// <summary>The options given, by name, to refuse them in local mode.</summary>
    public IEnumerable<string> Given()
    {
        foreach ((string name, bool given) in new[]
        {
            ("--redis-user", User is not null), ("--redis-password-file", PasswordFile is not null), ("--redis-tls", Tls),
            ("--redis-ca", Ca is not null), ("--redis-cert", Certificate is not null), ("--redis-key", Key is not null),
        })
        {
            if (given)
            {
                yield return name;
            }
        }
    }
}
