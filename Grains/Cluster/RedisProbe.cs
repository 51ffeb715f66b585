using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Sweep.Grains.Cluster;

/// <summary>
/// Checks that a Redis server answers, and accepts this client's password and TLS settings,
/// before a silo or client commits to it: without this, an unreachable address shows up only as
/// a membership timeout minutes later, and a wrong password as endless reconnecting. It tells
/// "not there" from "wants a password" from "refused the password" from "TLS failed".
/// </summary>
public static class RedisProbe
{
    /// <summary>Null when Redis answered PING (after AUTH, over TLS, as configured) within the timeout, else why not.</summary>
    public static async Task<RedisProblem?> CheckAsync(RedisEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(RedisProblemKind.Unreachable, $"Redis at {endpoint} did not answer within {Seconds(timeout)} s");
        }
        catch (SocketException e)
        {
            return new(RedisProblemKind.Unreachable, $"Redis at {endpoint} is unreachable: {e.Message}");
        }

        Stream stream = client.GetStream();
        SslStream? tls = null;
        try
        {
            if (endpoint.Tls is { } settings)
            {
                string? rejected = null;
                tls = new SslStream(stream, leaveInnerStreamOpen: false);
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = endpoint.Host,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    {
                        bool accepted = settings.Accepts(certificate, errors, out string reason);
                        rejected = accepted ? null : reason;
                        return accepted;
                    },
                };
                if (settings.ClientCertificate is { } certificate)
                {
                    options.ClientCertificates = [certificate];
                }

                try
                {
                    await tls.AuthenticateAsClientAsync(options, deadline.Token);
                }
                catch (Exception e) when (e is AuthenticationException or IOException)
                {
                    return new(RedisProblemKind.Tls, $"TLS with Redis at {endpoint} failed: {rejected ?? Flatten(e)}");
                }

                stream = tls;
            }

            return await ConverseAsync(endpoint, stream, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(RedisProblemKind.Unreachable, $"Redis at {endpoint} did not answer within {Seconds(timeout)} s");
        }
        catch (IOException e)
        {
            return Closed(endpoint, e.Message);
        }
        finally
        {
            tls?.Dispose();
        }
    }

    /// <summary>AUTH if there are credentials, then PING; each reply read as one RESP line.</summary>
    private static async Task<RedisProblem?> ConverseAsync(RedisEndpoint endpoint, Stream stream, CancellationToken cancellationToken)
    {
        var reader = new LineReader(stream);
        if (endpoint.Credentials is { } credentials)
        {
            // Sent as a RESP array, so a password with spaces or quotes arrives whole.
            string[] auth = credentials.User is null ? ["AUTH", credentials.Password] : ["AUTH", credentials.User, credentials.Password];
            await stream.WriteAsync(Command(auth), cancellationToken);
            string? authReply = await reader.ReadLineAsync(cancellationToken);
            if (authReply is null)
            {
                return Closed(endpoint, null);
            }

            if (!authReply.StartsWith('+'))
            {
                return AuthProblem(endpoint, credentials, authReply);
            }
        }

        await stream.WriteAsync(Command(["PING"]), cancellationToken);
        string? reply = await reader.ReadLineAsync(cancellationToken);
        return reply switch
        {
            null => Closed(endpoint, null),
            _ when reply.StartsWith("+PONG", StringComparison.Ordinal) => null,
            _ when reply.StartsWith("-NOAUTH", StringComparison.Ordinal) => new(
                RedisProblemKind.NeedsPassword,
                $"Redis at {endpoint} needs a password: set {RedisCredentials.PasswordVariable} or pass --redis-password-file"),
            _ when reply.StartsWith("-DENIED", StringComparison.Ordinal) => new(
                RedisProblemKind.Refused,
                $"Redis at {endpoint} refuses clients from other hosts (protected mode, and it has no password): give it one with requirepass"),
            _ => new(RedisProblemKind.Unexpected, $"Redis at {endpoint} answered PING with '{Printable(reply)}'"),
        };
    }

    private static RedisProblem AuthProblem(RedisEndpoint endpoint, RedisCredentials credentials, string reply)
    {
        if (reply.Contains("without any password configured", StringComparison.Ordinal))
        {
            // An open server where a protected one was expected is most likely the wrong server;
            // talking to it would also leave the campaigns open to anyone who reaches it.
            return new(RedisProblemKind.Refused, $"Redis at {endpoint} has no password set, but one was given: is this the right server? Set requirepass on it, or give no password");
        }

        string who = credentials.User is null ? "the password" : $"user '{credentials.User}' or its password";
        return reply.StartsWith("-WRONGPASS", StringComparison.Ordinal) || reply.StartsWith("-ERR invalid password", StringComparison.Ordinal)
            ? new(RedisProblemKind.Refused, $"Redis at {endpoint} refused {who} ({Printable(reply.TrimStart('-'))})")
            : new(RedisProblemKind.Refused, $"Redis at {endpoint} did not accept AUTH ({Printable(reply.TrimStart('-'))})");
    }

    /// <summary>
    /// The server hung up without a reply: a TLS server does that to a plain client (and a plain
    /// server to a TLS one, which the handshake reports first).
    /// </summary>
    /// <remarks>
    /// Over TLS 1.3 a server that wants a client certificate (or rejects the one given) says so
    /// only after the client's side of the handshake has completed, so it too shows up here.
    /// </remarks>
    private static RedisProblem Closed(RedisEndpoint endpoint, string? cause)
    {
        string why = cause is null ? string.Empty : $" ({cause.TrimEnd('.')})";
        return endpoint.Tls switch
        {
            null => new(RedisProblemKind.Tls, $"Redis at {endpoint} closed the connection without answering{why}; if it serves TLS, connect with --redis-tls (and --redis-ca)"),
            { ClientCertificate: null } => new(RedisProblemKind.Tls, $"Redis at {endpoint} closed the TLS connection without answering{why}; if it requires a client certificate (tls-auth-clients), give --redis-cert and --redis-key"),
            _ => new(RedisProblemKind.Tls, $"Redis at {endpoint} closed the TLS connection without answering{why}; is the client certificate {endpoint.Tls.CertificateFile} signed by a CA Redis trusts?"),
        };
    }

    private static byte[] Command(string[] parts)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{parts.Length}\r\n");
        foreach (string part in parts)
        {
            text.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Flatten(Exception e)
    {
        var messages = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            messages.Add(inner.Message.TrimEnd('.'));
        }

        return string.Join(": ", messages.Distinct());
    }

    private static string Printable(string reply)
    {
        string line = new(reply.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return line.Length > 120 ? line[..120] + "..." : line;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Reads CRLF-terminated reply lines; null when the server closed the connection first.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[1];
        private readonly List<byte> _line = new();

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            _line.Clear();
            while (true)
            {
                int read = await stream.ReadAsync(_buffer, cancellationToken);
                if (read == 0)
                {
                    return _line.Count == 0 ? null : Encoding.UTF8.GetString(_line.ToArray());
                }

                if (_buffer[0] == (byte)'\n')
                {
                    return Encoding.UTF8.GetString(_line.ToArray()).TrimEnd('\r');
                }

                if (_line.Count < 4096)
                {
                    _line.Add(_buffer[0]);
                }
            }
        }
    }
}
