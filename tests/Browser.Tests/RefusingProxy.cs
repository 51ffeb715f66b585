using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sweep.Browser.Tests;

/// <summary>
/// An HTTP proxy on 127.0.0.1 that forwards nothing: it records the host of every request
/// Chromium sends it (plain requests by their absolute URL, HTTPS by its CONNECT target) and
/// answers 403. Chromium is told to send everything but the dashboard here, so whatever it
/// would have sent off this machine ends up in <see cref="Hosts"/> instead.
/// </summary>
internal sealed class RefusingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _hosts = [];
    private readonly Task _accepting;

    public RefusingProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The host of each request received, in order (e.g. "update.googleapis.com").</summary>
    public IReadOnlyList<string> Hosts
    {
        get
        {
            lock (_hosts)
            {
                return [.. _hosts];
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends by its listener being stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RefuseAsync(client);
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                NetworkStream stream = client.GetStream();
                string? requestLine = await ReadLineAsync(stream, timeout.Token);
                if (requestLine is null)
                {
                    return;
                }

                lock (_hosts)
                {
                    _hosts.Add(HostOf(requestLine));
                }

                byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 32\r\nConnection: close\r\n\r\nrefused by the tests' own proxy\n");
                await stream.WriteAsync(answer, timeout.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // Chromium may drop a refused connection first; the host is already recorded.
            }
        }
    }

    // "CONNECT update.googleapis.com:443 HTTP/1.1" or "GET http://sweep-browser-check.invalid/ HTTP/1.1".
    private static string HostOf(string requestLine)
    {
        string[] parts = requestLine.Split(' ');
        if (parts.Length < 2)
        {
            return requestLine;
        }

        if (parts[0] == "CONNECT")
        {
            int colon = parts[1].LastIndexOf(':');
            return colon > 0 ? parts[1][..colon] : parts[1];
        }

        return Uri.TryCreate(parts[1], UriKind.Absolute, out Uri? uri) ? uri.Host : parts[1];
    }

    private static async Task<string?> ReadLineAsync(NetworkStream stream, CancellationToken ct)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (line.Length < 8192)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                return line.Length > 0 ? line.ToString() : null;
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}
