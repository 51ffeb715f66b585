using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Sweep.Grains.Cluster;

namespace Sweep.Client.Hosting.Remote;

/// <summary>
/// Tells a TLS mismatch with a gateway apart from a gateway that is simply not up. Orleans'
/// connection layer swallows handshake errors and only sees a closed connection, which the
/// client would retry for --outage-seconds; a refused certificate or TLS on one side only will
/// not pass by waiting. The probe makes one handshake of its own: with TLS off it checks
/// whether the gateway speaks TLS; with TLS on it presents this client's certificate over
/// TLS 1.2, where (unlike 1.3) the server's verdict on it arrives inside the handshake.
/// </summary>
internal static class GatewayTlsProbe
{
    /// <summary>Null when nothing points to a TLS problem (the gateway may still be down), else the one line to show.</summary>
    public static async Task<string?> CheckAsync(IPEndPoint gateway, ClusterTls? tls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient(gateway.AddressFamily);
        try
        {
            await client.ConnectAsync(gateway, deadline.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        bool sawCertificate = false; // the gateway answered as a TLS server does
        string? refused = null;
        await using var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = gateway.Address.ToString(),
            EnabledSslProtocols = SslProtocols.Tls12,
            // On Linux the server's certificate is checked only after the handshake; a server that
            // asks for a client certificate has shown it speaks TLS before it can refuse ours.
            LocalCertificateSelectionCallback = (_, _, _, _, _) =>
            {
                sawCertificate = true;
                return tls?.Certificate;
            },
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                sawCertificate |= certificate is not null;
                if (tls is null || tls.Accepts(certificate, errors, out string reason))
                {
                    return true;
                }

                refused = reason;
                return false;
            },
        };
        Exception? failure = null;
        try
        {
            await stream.AuthenticateAsClientAsync(options, deadline.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = e;
        }

        if (tls is null)
        {
            // A gateway that answers a TLS hello with a certificate speaks TLS; a plain one never does.
            return sawCertificate ? $"the gateway at {gateway} requires TLS: give --tls-cert and --tls-ca (a certificate signed by the cluster's CA)" : null;
        }

        return failure is null ? null
            : refused is not null ? $"TLS with the gateway at {gateway} failed: {refused}"
            : sawCertificate ? $"the gateway at {gateway} refused this client's certificate {tls.CertificateFile} (is it signed by the CA the silos trust?): {Flatten(failure)}"
            : $"TLS with the gateway at {gateway} failed (does it run without TLS? then give no --tls-cert and --tls-ca): {Flatten(failure)}";
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
}
