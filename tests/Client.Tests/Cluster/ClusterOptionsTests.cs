using System.Net;
using System.Net.Sockets;

namespace Sweep.Client.Tests.Cluster;

/// <summary>
/// The cluster options of the reading and control commands, checked before anything connects:
/// each mistake is one line naming the option and the reason, exit code 2.
/// </summary>
public sealed class ClusterOptionsTests
{
    private static (int Code, string Out, string Err) Sweep(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e, TextReader.Null);
        return (code, o.ToString(), e.ToString());
    }

    private static void AssertUsageError((int Code, string Out, string Err) result, string expectedLine)
    {
        Assert.Equal(2, result.Code);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(expectedLine, result.Err.TrimEnd('\n', '\r'));
    }

    [Theory]
    [InlineData("list")]
    [InlineData("status", "c")]
    [InlineData("table", "c")]
    [InlineData("export", "c", "--out", "x")]
    [InlineData("cancel", "c")]
    [InlineData("delete", "c", "--yes")]
    [InlineData("report", "c", "--out", "x")]
    public void Data_and_redis_together_are_refused(params string[] command)
        => AssertUsageError(Sweep([.. command, "--redis", "127.0.0.1:6379", "--data", "d"]), $"sweep {command[0]}: --data: is for local mode; a cluster stores everything in its Redis");

    [Theory]
    [InlineData("--cluster-id", "c1")]
    [InlineData("--service-id", "s1")]
    [InlineData("--outage-seconds", "30")]
    public void Cluster_options_without_redis_are_refused(string option, string value)
        => AssertUsageError(Sweep("status", "c", option, value), $"sweep status: {option}: only applies to a cluster (with --redis)");

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100000")]
    public void Outage_limit_must_be_positive_and_at_most_a_day(string value)
        => AssertUsageError(Sweep("list", "--redis", "127.0.0.1:6379", "--outage-seconds", value), $"sweep list: --outage-seconds: must be more than 0 and at most 86400 s (got {double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)})");

    [Fact]
    public void A_malformed_redis_address_is_named()
        => AssertUsageError(Sweep("table", "c", "--redis", "127.0.0.1:notaport"), "sweep table: --redis: '127.0.0.1:notaport' is not a Redis address; expected host:port with a port in 1..65535");

    [Theory]
    [InlineData("delete", "c", "--yes")]
    [InlineData("report", "c", "--out", "x")]
    public void Delete_and_report_take_the_cluster_options(params string[] command)
        => AssertUsageError(Sweep([.. command, "--cluster-id", "c1"]), $"sweep {command[0]}: --cluster-id: only applies to a cluster (with --redis)");

    [Fact]
    public void Report_checks_its_fig1_point_before_connecting()
        => AssertUsageError(
            Sweep("report", "c", "--out", "x", "--point", "3,6", "--redis", "127.0.0.1:1"),
            "sweep report: --point: expects d,alpha,x,N such as 3,6,1e-4,1300 (got '3,6')");

    [Fact]
    public void Delete_names_its_usage_with_the_cluster_options()
        => AssertUsageError(
            Sweep("delete", "--redis", "127.0.0.1:6379"),
            "sweep delete: usage: sweep delete CAMPAIGN [--yes] [--data DIR | --redis HOST:PORT [--cluster-id ID] [--service-id ID] [--outage-seconds S]]");

    [Theory]
    [InlineData("delete", "c", "--yes")]
    [InlineData("report", "c", "--out", "x")]
    public void Delete_and_report_with_an_unreachable_redis_fail_naming_the_address(params string[] command)
    {
        int port = FreePort();
        var result = Sweep([.. command, "--redis", $"127.0.0.1:{port}", "--outage-seconds", "1"]);
        Assert.Equal(4, result.Code);
        Assert.StartsWith($"sweep {command[0]}: Redis at 127.0.0.1:{port} is unreachable", LastLine(result.Err), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_redis_is_waited_for_up_to_the_outage_limit_then_exit_4_naming_the_address()
    {
        int port = FreePort();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Sweep("status", "--redis", $"127.0.0.1:{port}", "--outage-seconds", "3");
        Assert.True(result.Code == 4, $"exit {result.Code}: {result.Err}");
        string[] lines = result.Err.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal($"sweep: Redis at 127.0.0.1:{port} is unreachable: Connection refused; retrying for up to 3 s", lines[0]);
        Assert.StartsWith($"sweep status: Redis at 127.0.0.1:{port} is unreachable: Connection refused (waited ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("s, --outage-seconds 3)", lines[1], StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed.TotalSeconds, 3, 15);
    }

    [Fact]
    public void A_redis_that_comes_up_within_the_outage_limit_is_used()
    {
        int port = FreePort();
        using var late = new Timer(_ =>
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            _ = AnswerLikeRedisAsync(listener);
        });
        late.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        // The fake server answers PING, then hangs up: what matters is that the command got past the wait.
        var result = Sweep("status", "--redis", $"127.0.0.1:{port}", "--outage-seconds", "6");
        Assert.StartsWith($"sweep: Redis at 127.0.0.1:{port} is unreachable", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Redis at 127.0.0.1:" + port + " is unreachable: Connection refused (waited", result.Err, StringComparison.Ordinal);
    }

    private static async Task AnswerLikeRedisAsync(TcpListener listener)
    {
        using TcpClient client = await listener.AcceptTcpClientAsync();
        NetworkStream stream = client.GetStream();
        byte[] buffer = new byte[256];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync("+PONG\r\n"u8.ToArray());
        listener.Stop();
    }

    private static string LastLine(string text) => text.Trim().Split('\n')[^1];

    // A port that was free a moment ago: nothing listens there.
    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
