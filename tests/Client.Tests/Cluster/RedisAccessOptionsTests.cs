using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sweep.Client.Tests.Cluster;

/// <summary>
/// The Redis password and TLS options every cluster command takes: the password is never an
/// option, a refused or missing one is one line and exit code 8 at once, and bad files are named.
/// </summary>
public sealed class RedisAccessOptionsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-redis-access-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Code, string Out, string Err) Sweep(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e, TextReader.Null);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void There_is_no_password_option_only_a_password_file()
    {
        var result = Sweep("status", "--redis", "127.0.0.1:6379", "--redis-password", "x");
        Assert.Equal(2, result.Code);
        Assert.StartsWith("sweep status: --redis-password: unknown option (did you mean --redis-password-file?)", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--redis-user", "u")]
    [InlineData("--redis-password-file", "f")]
    [InlineData("--redis-ca", "ca.crt")]
    [InlineData("--redis-tls")]
    [InlineData("--tls-cert", "silo.crt")]
    [InlineData("--tls-ca", "ca.crt")]
    public void Redis_access_options_without_redis_are_refused(params string[] option)
    {
        var result = Sweep(["list", .. option]);
        Assert.Equal(2, result.Code);
        Assert.Equal($"sweep list: {option[0]}: only applies to a cluster (with --redis)", result.Err.TrimEnd());
    }

    [Fact]
    public void A_missing_CA_file_is_named_before_connecting()
    {
        string missing = Path.Combine(_dir.FullName, "no-ca.crt");
        var result = Sweep("list", "--redis", "127.0.0.1:1", "--redis-ca", missing);
        Assert.Equal(2, result.Code);
        Assert.StartsWith($"sweep list: --redis-ca: cannot read a PEM certificate from '{missing}'", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_cluster_tls_file_is_exit_2_naming_the_option_before_connecting()
    {
        string missing = Path.Combine(_dir.FullName, "no-client.crt");
        var result = Sweep("list", "--redis", "127.0.0.1:1", "--tls-cert", missing, "--tls-ca", missing);
        Assert.Equal(2, result.Code);
        Assert.StartsWith($"sweep list: --tls-ca: cannot read a PEM certificate from '{missing}'", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_redis_that_wants_a_password_is_exit_8_at_once_with_one_line()
    {
        using var redis = new ScriptedRedis("-NOAUTH Authentication required.");
        var result = Sweep("status", "--redis", redis.Address, "--outage-seconds", "60");
        Assert.Equal(8, result.Code);
        Assert.Equal($"sweep status: Redis at {redis.Address} needs a password: set SWEEP_REDIS_PASSWORD or pass --redis-password-file", result.Err.TrimEnd());
    }

    [Fact]
    public void A_refused_password_is_exit_8_and_not_printed()
    {
        string file = Path.Combine(_dir.FullName, "password");
        File.WriteAllText(file, "not-the-password-42\n");
        using var redis = new ScriptedRedis("-WRONGPASS invalid username-password pair or user is disabled.");
        var result = Sweep("table", "c", "--redis", redis.Address, "--redis-password-file", file);
        Assert.Equal(8, result.Code);
        Assert.StartsWith($"sweep table: Redis at {redis.Address} refused the password (WRONGPASS", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
        Assert.DoesNotContain("not-the-password-42", result.Out + result.Err, StringComparison.Ordinal);
    }

    /// <summary>A loopback server that answers every command with one line, whatever it is.</summary>
    private sealed class ScriptedRedis : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public ScriptedRedis(string reply)
        {
            _listener.Start();
            Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        using TcpClient client = await _listener.AcceptTcpClientAsync();
                        NetworkStream stream = client.GetStream();
                        var buffer = new byte[1024];
                        while (await stream.ReadAsync(buffer) > 0)
                        {
                            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"));
                        }
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
                {
                    // Stopped.
                }
            });
        }

        public string Address { get; }

        public void Dispose() => _listener.Stop();
    }
}
