using System.Net.Sockets;
using System.Text;

namespace Sweep.Grains.Cluster;

/// <summary>
/// Checks that a Redis server answers before a silo or client commits to it: without this, an
/// unreachable address shows up only as a membership timeout minutes later.
/// </summary>
public static class RedisProbe
{
    /// <summary>Null when Redis answered PING within the timeout, else a one-line reason.</summary>
    public static async Task<string?> CheckAsync(RedisEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), deadline.Token);
            var buffer = new byte[64];
            int read = await stream.ReadAsync(buffer, deadline.Token);
            string reply = Encoding.ASCII.GetString(buffer, 0, read).Trim();
            // A server that wants a password answers -NOAUTH: it is there, so let the
            // providers report the authentication problem themselves.
            return reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith("-NOAUTH", StringComparison.Ordinal)
                ? null
                : $"Redis at {endpoint} answered PING with '{reply}'";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Redis at {endpoint} did not answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (SocketException e)
        {
            return $"Redis at {endpoint} is unreachable: {e.Message}";
        }
        catch (IOException e)
        {
            return $"Redis at {endpoint} closed the connection: {e.Message}";
        }
    }
}
