using System.Globalization;
using StackExchange.Redis;

namespace Sweep.Grains.Cluster;

/// <summary>
/// A Redis server as users name it: host:port (the port defaults to 6379), with the password and
/// TLS settings to reach it. Its text is host:port only: it goes into logs and messages, and the
/// password must never.
/// </summary>
public sealed record RedisEndpoint(string Host, int Port)
{
    public const int DefaultPort = 6379;

    /// <summary>The password (and ACL user) to authenticate with; null: none.</summary>
    public RedisCredentials? Credentials { get; init; }

    /// <summary>TLS settings; null: plain TCP.</summary>
    public RedisTls? Tls { get; init; }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses host:port; the message of the exception says what is wrong with the text.</summary>
    public static RedisEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("the Redis address is empty; expected host:port");
        }

        int colon = trimmed.LastIndexOf(':');
        if (colon < 0)
        {
            return new RedisEndpoint(trimmed, DefaultPort);
        }

        string host = trimmed[..colon];
        if (host.Length == 0
            || !int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' is not a Redis address; expected host:port with a port in 1..65535");
        }

        return new RedisEndpoint(host, port);
    }

    /// <summary>
    /// Connection settings shared by clustering, storage and reminders. The multiplexer keeps
    /// retrying instead of failing when Redis restarts under a running silo.
    /// </summary>
    public ConfigurationOptions ToConfigurationOptions()
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = 5000,
            SyncTimeout = 5000,
            AsyncTimeout = 5000,
            ClientName = "sweep",
        };
        options.EndPoints.Add(Host, Port);
        if (Credentials is { } credentials)
        {
            options.User = credentials.User;
            options.Password = credentials.Password;
        }

        if (Tls is { } tls)
        {
            options.Ssl = true;
            options.SslHost = Host;
            options.CertificateValidation += tls.Validate;
            if (tls.ClientCertificate is { } certificate)
            {
                options.CertificateSelection += (_, _, _, _, _) => certificate;
            }
        }

        return options;
    }
}
