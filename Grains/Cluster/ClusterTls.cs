using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sweep.Grains.Cluster;

/// <summary>
/// Mutual TLS between silos, and between clients and gateways: every side presents a certificate
/// and accepts the other's only if it chains to the configured CA (that CA alone is trusted, not
/// the system's store) and, where the connecting side dialled an IP address, names that address
/// as an IP subject alternative name. The files are read once, when the settings are read, so a
/// missing or unusable file stops the program at start.
/// </summary>
public sealed class ClusterTls
{
    /// <summary>The password of the certificate's key (a PFX file or an encrypted PEM key); never an option.</summary>
    public const string KeyPasswordVariable = "SWEEP_TLS_KEY_PASSWORD";

    private readonly X509Certificate2Collection _authorities;

    private ClusterTls(string caFile, X509Certificate2Collection authorities, string certificateFile, X509Certificate2 certificate)
    {
        CaFile = caFile;
        _authorities = authorities;
        CertificateFile = certificateFile;
        Certificate = certificate;
    }

    /// <summary>The PEM file of the CA(s) every peer's certificate must chain to.</summary>
    public string CaFile { get; }

    /// <summary>This side's certificate file (PEM or PFX).</summary>
    public string CertificateFile { get; }

    /// <summary>This side's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public override string ToString() => $"mutual TLS (certificate {CertificateFile}, CA {CaFile})";

    /// <summary>
    /// The settings from the files given, or null when none is given (TLS off). A certificate
    /// and a CA are both needed: the first proves who this side is, the second who the peers are.
    /// Throws <see cref="FormatException"/> naming the setting at fault.
    /// </summary>
    /// <param name="names">How the settings are spelled where they were given: certificate, key, CA.</param>
    public static ClusterTls? Read(string? certificateFile, string? keyFile, string? caFile, Func<string, string?> environment, (string Certificate, string Key, string Ca) names)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (certificateFile is null && keyFile is null && caFile is null)
        {
            return null;
        }

        if (certificateFile is null)
        {
            throw new FormatException($"{(keyFile is not null ? names.Key : names.Ca)}: TLS between silos and clients also needs {names.Certificate}, this side's certificate");
        }

        if (caFile is null)
        {
            throw new FormatException($"{names.Certificate}: TLS between silos and clients also needs {names.Ca}, the CA that signed every silo's and client's certificate");
        }

        var authorities = new X509Certificate2Collection();
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

        string? password = environment(KeyPasswordVariable) is { Length: > 0 } p ? p : null;
        X509Certificate2 certificate = Load(certificateFile, keyFile, password, names);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new FormatException($"{names.Certificate}: '{certificateFile}' has no private key (give {names.Key})");
        }

        return new ClusterTls(caFile, authorities, certificateFile, certificate);
    }

    /// <summary>
    /// Whether a peer's certificate is acceptable; when not, <paramref name="reason"/> says why in
    /// words a user can act on. A name mismatch is only reported where a name was asked for (the
    /// connecting side sets the address it dialled as the expected name).
    /// </summary>
    public bool Accepts(X509Certificate? certificate, SslPolicyErrors errors, out string reason)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reason = "the peer sent no certificate";
            return false;
        }

        using X509Certificate2 peer = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(peer))
        {
            string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            reason = $"the peer's certificate '{peer.Subject}' is not signed by the CA in {CaFile}{(status.Length > 0 ? $" ({status})" : string.Empty)}";
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reason = $"the silo's certificate '{peer.Subject}' does not name the address connected to (give it that IP address as an IP subject alternative name)";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static X509Certificate2 Load(string certificateFile, string? keyFile, string? password, (string Certificate, string Key, string Ca) names)
    {
        try
        {
            if (IsPem(certificateFile))
            {
                string key = keyFile ?? certificateFile;
                return password is null || !IsEncryptedPem(key)
                    ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
                    : X509Certificate2.CreateFromEncryptedPemFile(certificateFile, password, keyFile);
            }

            if (keyFile is not null)
            {
                throw new FormatException($"{names.Key}: '{certificateFile}' is a PFX (PKCS#12) file, which holds its key; give no {names.Key}");
            }

            return X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            string files = keyFile is null ? $"'{certificateFile}'" : $"'{certificateFile}' and '{keyFile}'";
            string hint = e is CryptographicException && password is null ? $" (if its key is protected by a password, set {KeyPasswordVariable})" : string.Empty;
            throw new FormatException($"{names.Certificate}: cannot read a certificate and its private key from {files}: {e.Message.TrimEnd('.')}{hint}");
        }
    }

    private static bool IsPem(string path)
    {
        using FileStream file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[64];
        int read = file.Read(head);
        return System.Text.Encoding.ASCII.GetString(head[..read]).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    private static bool IsEncryptedPem(string path)
        => File.ReadAllText(path).Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
}
