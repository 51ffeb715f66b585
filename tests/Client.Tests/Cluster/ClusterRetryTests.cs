using System.Diagnostics;
using Orleans.Runtime;
using Sweep.Client.Hosting.Remote;

namespace Sweep.Client.Tests.Cluster;

/// <summary>The retry wrapper every cluster call goes through: what it waits out, and when it gives up.</summary>
public sealed class ClusterRetryTests
{
    private static ClusterRetry Retry(TextWriter notices, double outageSeconds = 5, double callTimeoutSeconds = 5)
        => new(TimeSpan.FromSeconds(outageSeconds), TimeSpan.FromSeconds(callTimeoutSeconds), TimeSpan.FromMilliseconds(20), notices);

    [Fact]
    public async Task Transient_failures_are_retried_until_the_call_succeeds_and_the_outage_is_reported()
    {
        var notices = new StringWriter();
        int calls = 0;
        int result = await Retry(notices).CallAsync(
            () => ++calls switch
            {
                1 => throw new SiloUnavailableException("gateway 127.0.0.1:30000 is dead"),
                2 => Task.FromException<int>(new GatewayTooBusyException("gateway too busy")),
                3 => Task.FromException<int>(new TimeoutException("response timed out")),
                _ => Task.FromResult(42),
            },
            "following the campaign",
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(4, calls);
        string text = notices.ToString();
        Assert.Contains("following the campaign: the cluster did not answer (SiloUnavailableException: gateway 127.0.0.1:30000 is dead); retrying for up to 5 s", text, StringComparison.Ordinal);
        Assert.Contains("the cluster answers again after", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_cluster_that_stays_away_ends_the_call_after_the_outage_limit_naming_it()
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<ClusterUnavailableException>(() => Retry(TextWriter.Null, outageSeconds: 0.3).CallAsync<int>(
            () => throw new SiloUnavailableException("silo gone"),
            "reading the status",
            CancellationToken.None));

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.3, 10);
        Assert.StartsWith("reading the status: the cluster did not answer for ", e.Message, StringComparison.Ordinal);
        Assert.Contains("(limit 0.3 s, --outage-seconds)", e.Message, StringComparison.Ordinal);
        Assert.Contains("last error: SiloUnavailableException: silo gone", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_call_that_never_answers_counts_as_failed_after_the_call_timeout()
    {
        int calls = 0;
        var never = new TaskCompletionSource<int>();
        int result = await Retry(TextWriter.Null, callTimeoutSeconds: 0.1).CallAsync(
            () => ++calls == 1 ? never.Task : Task.FromResult(7),
            "reading the table",
            CancellationToken.None);

        Assert.Equal(7, result);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Other_exceptions_are_not_retried()
    {
        int calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Retry(TextWriter.Null).CallAsync<int>(
            () =>
            {
                calls++;
                throw new InvalidOperationException("a bug, not an outage");
            },
            "submitting",
            CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Cancelling_during_an_outage_stops_at_once()
    {
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<ClusterUnavailableException>(() => Retry(TextWriter.Null, outageSeconds: 60).CallAsync<int>(
            () =>
            {
                cancel.Cancel();
                throw new SiloUnavailableException("silo gone");
            },
            "following the campaign",
            cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds} s");
        Assert.Contains("stopped while the cluster did not answer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(SiloUnavailableException), true)]
    [InlineData(typeof(GatewayTooBusyException), true)]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(IOException), true)]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(ArgumentException), false)]
    public void Transient_means_what_a_dying_silo_produces(Type type, bool transient)
    {
        var e = (Exception)Activator.CreateInstance(type, "x")!;
        Assert.Equal(transient, ClusterRetry.IsTransient(e));
        Assert.Equal(transient, ClusterRetry.IsTransient(new AggregateException(e)));
        Assert.Equal(transient, ClusterRetry.IsTransient(new InvalidOperationException("wrapped", e)));
    }
}
