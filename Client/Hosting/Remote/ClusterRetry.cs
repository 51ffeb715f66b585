using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;
using StackExchange.Redis;

namespace Sweep.Client.Hosting.Remote;

/// <summary>
/// Calls into a cluster that ride out silos dying. When the gateway a call went through dies,
/// or the silo holding the grain does, the call fails or hangs until Orleans has moved on to
/// another gateway and re-activated the grain elsewhere; a command should wait that out, not
/// exit. Each failing call is retried after a short delay until the cluster has not answered
/// for the outage limit, then one line says so.
/// </summary>
internal sealed class ClusterRetry
{
    private readonly TimeSpan _outageLimit;
    private readonly TimeSpan _callTimeout;
    private readonly TimeSpan _retryDelay;
    private readonly TextWriter _notices;

    /// <param name="outageLimit">How long calls keep failing before the command gives up.</param>
    /// <param name="callTimeout">
    /// A call still unanswered after this counts as failed: a request sent to a gateway that
    /// was SIGKILLed gets no reply, and Orleans would wait its 30 s response timeout.
    /// </param>
    /// <param name="retryDelay">Pause between attempts, so a dead cluster is not hammered.</param>
    /// <param name="notices">Where the start and end of an outage are reported (stderr: stdout stays the command's output).</param>
    public ClusterRetry(TimeSpan outageLimit, TimeSpan callTimeout, TimeSpan retryDelay, TextWriter notices)
    {
        _outageLimit = outageLimit;
        _callTimeout = callTimeout;
        _retryDelay = retryDelay;
        _notices = notices;
    }

    public TimeSpan OutageLimit => _outageLimit;

    /// <summary>
    /// The call's result, retrying transient failures; throws <see cref="ClusterUnavailableException"/>
    /// once they have lasted the outage limit, or at once when cancellation is asked for during one.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        Stopwatch? failing = null;
        while (true)
        {
            try
            {
                T result = await call().WaitAsync(_callTimeout, CancellationToken.None);
                if (failing is not null)
                {
                    Notice($"the cluster answers again after {Seconds(failing.Elapsed)} s");
                }

                return result;
            }
            catch (Exception e) when (IsTransient(e))
            {
                if (failing is null)
                {
                    failing = Stopwatch.StartNew();
                    Notice($"{what}: the cluster did not answer ({Describe(e)}); retrying for up to {Seconds(_outageLimit)} s");
                }

                if (failing.Elapsed >= _outageLimit)
                {
                    throw new ClusterUnavailableException(
                        $"{what}: the cluster did not answer for {Seconds(failing.Elapsed)} s (limit {Seconds(_outageLimit)} s, --outage-seconds); last error: {Describe(e)}. " +
                        "Its state is in Redis: run the command again once silos are up",
                        e);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    throw new ClusterUnavailableException($"{what}: stopped while the cluster did not answer; last error: {Describe(e)}", e);
                }

                try
                {
                    await Task.Delay(_retryDelay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw new ClusterUnavailableException($"{what}: stopped while the cluster did not answer; last error: {Describe(e)}", e);
                }
            }
        }
    }

    /// <summary>
    /// Failures that a silo dying or restarting produces and that pass once the cluster has
    /// recovered. Anything else (a grain's own exception, a bug) is not retried.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            // A refused password or a failed TLS handshake fails the same way every time.
            if (e is System.Security.Authentication.AuthenticationException or RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure })
            {
                return false;
            }

            if (e is TimeoutException or OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException
                or SocketConnectionException or SocketException or IOException or RedisConnectionException)
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Exception e)
    {
        string message = e.Message.ReplaceLineEndings(" ");
        return $"{e.GetType().Name}: {(message.Length > 200 ? message[..200] + "..." : message)}";
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private void Notice(string line)
    {
        _notices.WriteLine($"sweep: {line}");
        _notices.Flush();
    }
}
