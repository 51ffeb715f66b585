using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sweep.Grains.Cluster;

/// <summary>
/// TLS to Redis: the server's certificate is checked against a CA file (or, without one, the
/// system's trust store), always including its name (an IP address needs an IP subject
/// alternative name), and a client certificate is presented when the server asks for one
/// (`tls-auth-clients`). Files are PEM; they are read once, when the settings are read, so a
/// missing or unreadable file stops the program at start.
/// </summary>
public sealed class RedisTls
{
    private readonly X509Certificate2Collection? _authorities;

    private RedisTls(string? caFile, X509Certificate2Collection? authorities, string? certificateFile, X509Certificate2? clientCertificate)
    {
        CaFile = caFile;
        _authorities = authorities;
        CertificateFile = certificateFile;
        ClientCertificate = clientCertificate;
    }

    /// <summary>The PEM file of the CA(s) the server's certificate must chain to; null: the system's trust store.</summary>
    public string? CaFile { get; }

    /// <summary>The client certificate's PEM file, or null when none is presented.</summary>
    public string? CertificateFile { get; }

    public X509Certificate2? ClientCertificate { get; }

    public override string ToString()
        => $"TLS ({(CaFile is null ? "system trust store" : "CA " + CaFile)}{(CertificateFile is null ? string.Empty : ", client certificate " + CertificateFile)})";

    /// <summary>
    /// TLS settings from the files given, or null when TLS is off. Giving a CA or a client
    /// certificate turns TLS on. Throws <see cref="FormatException"/> naming the setting at fault.
    /// </summary>
    /// <param name="names">How the settings are spelled where they were given: TLS, CA, certificate, key.</param>
    public static RedisTls? Read(bool tls, string? caFile, string? certificateFile, string? keyFile, (string Tls, string Ca, string Certificate, string Key) names)
    {
        if (keyFile is not null && certificateFile is null)
        {
            throw new FormatException($"{names.Key}: needs {names.Certificate}, the certificate the key belongs to");
        }

        if (!tls && caFile is null && certificateFile is null)
        {
            return null;
        }

        X509Certificate2Collection? authorities = null;
        if (caFile is not null)
        {
            authorities = new X509Certificate2Collection();
            try
            {
                authorities.ImportFromPemFile(caFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                throw new FormatException($"{names.Ca}: cannot read a PEM certificate from '{caFile}': {e.Message.TrimEnd('.')}");
            }

            if (authorities.Count == 0)
            {
                throw new FormatException($"{names.Ca}: '{caFile}' holds no PEM certificate");
            }
        }

        X509Certificate2? client = null;
        if (certificateFile is not null)
        {
            try
            {
                client = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                throw new FormatException($"{names.Certificate}: cannot read a PEM certificate and its private key from '{certificateFile}'{(keyFile is null ? string.Empty : $" and '{keyFile}'")}: {e.Message.TrimEnd('.')}");
            }
        }

        return new RedisTls(caFile, authorities, certificateFile, client);
    }

    /// <summary>
    /// Whether the server's certificate is acceptable; when not, <paramref name="reason"/> says why
    /// in words a user can act on.
    /// </summary>
    public bool Accepts(X509Certificate? certificate, SslPolicyErrors errors, out string reason)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reason = "the server sent no certificate";
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reason = "the server's certificate does not name the address connected to (it needs that host name, or that IP address as an IP subject alternative name)";
            return false;
        }

        if (_authorities is null)
        {
            reason = errors == SslPolicyErrors.None ? string.Empty : "the server's certificate is not trusted by this machine (give the CA file)";
            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        X509Certificate2 server = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            if (chain.Build(server))
            {
                reason = string.Empty;
                return true;
            }
        }
        finally
        {
            if (!ReferenceEquals(server, certificate))
            {
                server.Dispose();
            }
        }

        string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        reason = $"the server's certificate is not signed by the CA in {CaFile}{(status.Length > 0 ? $" ({status})" : string.Empty)}";
        return false;
    }

    /// <summary>The validation callback for SslStream and StackExchange.Redis.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        => Accepts(certificate, errors, out _);
}
