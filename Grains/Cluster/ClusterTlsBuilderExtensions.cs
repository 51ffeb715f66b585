using System.Net;
using Orleans.Connections.Security;

namespace Sweep.Grains.Cluster;

/// <summary>
/// Puts Orleans' TLS (Microsoft.Orleans.Connections.Security) on a silo's or a client's
/// connections with the settings of <see cref="ClusterTls"/>: a certificate is required from
/// both sides, only the configured CA is trusted, and a connecting side expects the peer's
/// certificate to name the IP address it dialled.
/// </summary>
public static class ClusterTlsBuilderExtensions
{
    /// <summary>Silo-to-silo and gateway connections: this silo is client and server with the same certificate.</summary>
    public static ISiloBuilder UseSweepTls(this ISiloBuilder builder, ClusterTls tls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tls);
        return builder.UseTls(tls.Certificate, options => Configure(options, tls, rejected: null));
    }

    /// <param name="rejected">Told why a gateway's certificate was refused, so the command can stop with that reason instead of retrying.</param>
    public static IClientBuilder UseSweepTls(this IClientBuilder builder, ClusterTls tls, Action<string>? rejected)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tls);
        return builder.UseTls(tls.Certificate, options => Configure(options, tls, rejected));
    }

    private static void Configure(TlsOptions options, ClusterTls tls, Action<string>? rejected)
    {
        // The peer must show a certificate, whichever side opened the connection (a gateway
        // refuses a client without one). This side always shows its own: with Require, a
        // certificate not meant for client use fails at start instead of being left out.
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, errors) =>
        {
            if (tls.Accepts(certificate, errors, out string reason))
            {
                return true;
            }

            rejected?.Invoke(reason);
            return false;
        };

        // Orleans dials silos and gateways by IP and sets no expected name, so without this the
        // name is never checked: the peer's certificate must carry that IP as a subject
        // alternative name.
        options.OnAuthenticateAsClient = (connection, authentication) =>
        {
            if (connection.RemoteEndPoint is IPEndPoint remote)
            {
                authentication.TargetHost = remote.Address.ToString();
            }
        };
    }
}
