using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Sweep.Grains.Cluster;
using Sweep.Tests.Certificates;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// The probe against a scripted stand-in for Redis on loopback: it tells "not there" from "needs
/// a password" from "refused the password" from "TLS failed", and no message holds the password.
/// </summary>
public sealed class RedisProbeTests
{
    private const string Password = "s3cret pass\"word";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Nothing_listening_is_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        RedisProblem? problem = await RedisProbe.CheckAsync(new RedisEndpoint("127.0.0.1", port), Timeout);

        Assert.NotNull(problem);
        Assert.Equal(RedisProblemKind.Unreachable, problem.Kind);
        Assert.False(problem.IsAuthentication);
        Assert.StartsWith($"Redis at 127.0.0.1:{port} is unreachable", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_wants_a_password_is_told_apart_from_one_that_is_not_there()
    {
        await using var server = FakeRedis.Start(_ => "-NOAUTH Authentication required.");

        RedisProblem? problem = await RedisProbe.CheckAsync(server.Endpoint, Timeout);

        Assert.NotNull(problem);
        Assert.Equal(RedisProblemKind.NeedsPassword, problem.Kind);
        Assert.True(problem.IsAuthentication);
        Assert.Equal($"Redis at {server.Endpoint} needs a password: set SWEEP_REDIS_PASSWORD or pass --redis-password-file", problem.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_message_does_not_hold_it()
    {
        await using var server = FakeRedis.Start(command => command[0] == "AUTH" ? "-WRONGPASS invalid username-password pair or user is disabled." : "+PONG");

        RedisProblem? problem = await RedisProbe.CheckAsync(server.Endpoint with { Credentials = new RedisCredentials("sweep", Password) }, Timeout);

        Assert.NotNull(problem);
        Assert.Equal(RedisProblemKind.Refused, problem.Kind);
        Assert.Contains("refused user 'sweep' or its password (WRONGPASS", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["AUTH", "sweep", Password], server.Commands[0]);
    }

    [Fact]
    public async Task The_right_password_is_sent_whole_then_PING_answers()
    {
        await using var server = FakeRedis.Start(command => command[0] == "AUTH" ? "+OK" : "+PONG");

        RedisProblem? problem = await RedisProbe.CheckAsync(server.Endpoint with { Credentials = new RedisCredentials(null, Password) }, Timeout);

        Assert.Null(problem);
        Assert.Equal(["AUTH", Password], server.Commands[0]);
        Assert.Equal(["PING"], server.Commands[1]);
    }

    [Fact]
    public async Task A_password_for_a_server_without_one_is_refused()
    {
        await using var server = FakeRedis.Start(command => command[0] == "AUTH"
            ? "-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
            : "+PONG");

        RedisProblem? problem = await RedisProbe.CheckAsync(server.Endpoint with { Credentials = new RedisCredentials(null, Password) }, Timeout);

        Assert.NotNull(problem);
        Assert.Equal(RedisProblemKind.Refused, problem.Kind);
        Assert.Contains("has no password set, but one was given", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TLS_with_a_certificate_from_another_CA_fails_naming_the_CA_file()
    {
        using var real = TestCertificates.Create("real CA");
        using var other = TestCertificates.Create("other CA");
        DirectoryInfo dir = Directory.CreateTempSubdirectory("sweep-probe-tls-");
        try
        {
            other.WriteTo(dir.FullName);
            string caFile = Path.Combine(dir.FullName, TestCertificates.CaFile);
            RedisTls tls = RedisTls.Read(false, caFile, null, null, ("--redis-tls", "--redis-ca", "--redis-cert", "--redis-key"))!;
            await using var server = FakeRedis.Start(_ => "+PONG", real.Server);

            RedisProblem? wrongCa = await RedisProbe.CheckAsync(server.Endpoint with { Tls = tls }, Timeout);

            Assert.NotNull(wrongCa);
            Assert.Equal(RedisProblemKind.Tls, wrongCa.Kind);
            Assert.StartsWith($"TLS with Redis at {server.Endpoint} failed: the server's certificate is not signed by the CA in {caFile}", wrongCa.Message, StringComparison.Ordinal);

            real.WriteTo(dir.FullName);
            RedisTls right = RedisTls.Read(false, caFile, null, null, ("--redis-tls", "--redis-ca", "--redis-cert", "--redis-key"))!;
            Assert.Null(await RedisProbe.CheckAsync(server.Endpoint with { Tls = right }, Timeout));
            Assert.Equal(["PING"], server.Commands[^1]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_plain_client_of_a_TLS_server_is_told_to_use_TLS()
    {
        using var certificates = TestCertificates.Create();
        await using var server = FakeRedis.Start(_ => "+PONG", certificates.Server);

        RedisProblem? problem = await RedisProbe.CheckAsync(server.Endpoint, Timeout);

        Assert.NotNull(problem);
        Assert.Equal(RedisProblemKind.Tls, problem.Kind);
        Assert.Contains("--redis-tls", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers each RESP command with the line the script gives; records the commands.</summary>
    private sealed class FakeRedis : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        private FakeRedis(Func<string[], string> script, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Endpoint = new RedisEndpoint("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
            _serving = Task.Run(() => ServeAsync(script, certificate));
        }

        public RedisEndpoint Endpoint { get; }

        public List<string[]> Commands { get; } = new();

        public static FakeRedis Start(Func<string[], string> script, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
            => new(script, certificate);

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task ServeAsync(Func<string[], string> script, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
        {
            while (!_stop.IsCancellationRequested)
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                try
                {
                    Stream stream = client.GetStream();
                    if (certificate is not null)
                    {
                        var tls = new SslStream(stream);
                        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, _stop.Token);
                        stream = tls;
                    }

                    var reader = new StreamReader(stream, Encoding.UTF8);
                    while (await ReadCommandAsync(reader) is { } command)
                    {
                        lock (Commands)
                        {
                            Commands.Add(command);
                        }

                        await stream.WriteAsync(Encoding.UTF8.GetBytes(script(command) + "\r\n"), _stop.Token);
                    }
                }
                catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The client gave up (a failed handshake): wait for the next one.
                }
            }
        }

        private static async Task<string[]?> ReadCommandAsync(StreamReader reader)
        {
            string? header = await reader.ReadLineAsync();
            if (header is null || !header.StartsWith('*'))
            {
                return null;
            }

            var parts = new string[int.Parse(header[1..], System.Globalization.CultureInfo.InvariantCulture)];
            for (int i = 0; i < parts.Length; i++)
            {
                await reader.ReadLineAsync();
                parts[i] = await reader.ReadLineAsync() ?? string.Empty;
            }

            return parts;
        }
    }
}
