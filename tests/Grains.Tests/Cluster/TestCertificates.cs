using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sweep.Tests.Certificates;

/// <summary>
/// A throw-away CA and the certificates it signs, made at test time (no openssl needed): a server
/// certificate naming 127.0.0.1 (IP subject alternative name) and localhost, and a client
/// certificate. <see cref="WriteTo"/> writes them as the PEM files Redis and Sweep read.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string CaFile = "ca.crt";
    public const string ServerCertificateFile = "server.crt";
    public const string ServerKeyFile = "server.key";
    public const string ClientCertificateFile = "client.crt";
    public const string ClientKeyFile = "client.key";

    private TestCertificates(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Ca = ca;
        Server = server;
        Client = client;
    }

    public X509Certificate2 Ca { get; }

    /// <summary>With its private key; names 127.0.0.1 and localhost.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>With its private key; for client authentication.</summary>
    public X509Certificate2 Client { get; }

    /// <param name="authority">The CA's common name; two sets made with different names do not trust each other.</param>
    public static TestCertificates Create(string authority = "Sweep test CA")
    {
        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={authority}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        X509Certificate2 server = Issue(ca, "CN=sweep-redis", ["1.3.6.1.5.5.7.3.1"], names.Build(), now);
        X509Certificate2 client = Issue(ca, "CN=sweep-client", ["1.3.6.1.5.5.7.3.2"], null, now);
        return new TestCertificates(ca, server, client);
    }

    /// <summary>Writes the five PEM files into <paramref name="directory"/>, keys readable by their owner only.</summary>
    public void WriteTo(string directory)
    {
        File.WriteAllText(Path.Combine(directory, CaFile), Ca.ExportCertificatePem() + "\n");
        WritePem(Server, Path.Combine(directory, ServerCertificateFile), Path.Combine(directory, ServerKeyFile));
        WritePem(Client, Path.Combine(directory, ClientCertificateFile), Path.Combine(directory, ClientKeyFile));
    }

    /// <summary>
    /// Another certificate signed by this CA: for a silo (server and client use, as it both
    /// accepts and opens connections, naming its IP address) or a client (client use only).
    /// </summary>
    public X509Certificate2 IssuePeer(string subject, bool server, IPAddress? address)
    {
        X509Extension? names = null;
        if (address is not null)
        {
            var builder = new SubjectAlternativeNameBuilder();
            builder.AddIpAddress(address);
            names = builder.Build();
        }

        // Dated from the CA's own issue time (5 minutes after its NotBefore): a certificate may not outlive its issuer.
        DateTimeOffset issued = new DateTimeOffset(Ca.NotBefore.ToUniversalTime(), TimeSpan.Zero).AddMinutes(5);
        return Issue(Ca, subject, server ? ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"] : ["1.3.6.1.5.5.7.3.2"], names, issued);
    }

    /// <summary>The certificate and its private key as two PEM files, the key readable by its owner only.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificateFile, string keyFile)
    {
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, string[] usages, X509Extension? names, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        var purposes = new OidCollection();
        foreach (string usage in usages)
        {
            purposes.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(purposes, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 signed = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), serial);
        return signed.CopyWithPrivateKey(key);
    }
}
