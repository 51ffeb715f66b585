using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Sweep.Grains.Cluster;
using Sweep.Tests.Certificates;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// The settings of TLS between silos and clients: all or nothing, files named when unusable,
/// a PFX's password from the environment only, and only the configured CA trusted.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private static readonly (string, string, string) Names = ("--tls-cert", "--tls-key", "--tls-ca");

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-cluster-tls-");
    private readonly TestCertificates _authority = TestCertificates.Create("Sweep cluster CA");
    private readonly TestCertificates _stranger = TestCertificates.Create("Another CA");

    public void Dispose()
    {
        _authority.Dispose();
        _stranger.Dispose();
        _dir.Delete(recursive: true);
    }

    private string File(string name) => Path.Combine(_dir.FullName, name);

    private string Ca()
    {
        System.IO.File.WriteAllText(File("ca.crt"), _authority.Ca.ExportCertificatePem() + "\n");
        return File("ca.crt");
    }

    private (string Cert, string Key) Silo()
    {
        using X509Certificate2 silo = _authority.IssuePeer("CN=silo", server: true, IPAddress.Loopback);
        TestCertificates.WritePem(silo, File("silo.crt"), File("silo.key"));
        return (File("silo.crt"), File("silo.key"));
    }

    [Fact]
    public void Nothing_given_is_tls_off()
        => Assert.Null(ClusterTls.Read(null, null, null, _ => null, Names));

    [Fact]
    public void A_certificate_without_a_ca_is_refused_naming_both()
    {
        var e = Assert.Throws<FormatException>(() => ClusterTls.Read(Silo().Cert, null, null, _ => null, Names));
        Assert.StartsWith("--tls-cert: TLS between silos and clients also needs --tls-ca", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_without_a_certificate_is_refused_naming_both()
    {
        var e = Assert.Throws<FormatException>(() => ClusterTls.Read(null, null, Ca(), _ => null, Names));
        Assert.StartsWith("--tls-ca: TLS between silos and clients also needs --tls-cert", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_is_named()
    {
        var e = Assert.Throws<FormatException>(() => ClusterTls.Read(File("absent.crt"), null, Ca(), _ => null, Names));
        Assert.StartsWith($"--tls-cert: cannot read a certificate and its private key from '{File("absent.crt")}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pfx_reads_its_password_from_the_environment_only()
    {
        using X509Certificate2 silo = _authority.IssuePeer("CN=silo", server: true, IPAddress.Loopback);
        System.IO.File.WriteAllBytes(File("silo.pfx"), silo.Export(X509ContentType.Pkcs12, "s3cret"));

        var e = Assert.Throws<FormatException>(() => ClusterTls.Read(File("silo.pfx"), null, Ca(), _ => null, Names));
        Assert.Contains("set SWEEP_TLS_KEY_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);

        ClusterTls tls = ClusterTls.Read(File("silo.pfx"), null, Ca(), n => n == ClusterTls.KeyPasswordVariable ? "s3cret" : null, Names)!;
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal(silo.Thumbprint, tls.Certificate.Thumbprint);
    }

    [Fact]
    public void Only_certificates_from_the_configured_ca_naming_the_address_are_accepted()
    {
        (string cert, string key) = Silo();
        ClusterTls tls = ClusterTls.Read(cert, key, Ca(), _ => null, Names)!;
        using X509Certificate2 peer = _authority.IssuePeer("CN=client", server: false, null);
        using X509Certificate2 foreign = _stranger.IssuePeer("CN=client", server: false, null);

        // The system's chain check fails for a private CA; the configured CA decides.
        Assert.True(tls.Accepts(peer, SslPolicyErrors.RemoteCertificateChainErrors, out _));
        Assert.False(tls.Accepts(foreign, SslPolicyErrors.RemoteCertificateChainErrors, out string reason));
        Assert.StartsWith($"the peer's certificate 'CN=client' is not signed by the CA in {File("ca.crt")}", reason, StringComparison.Ordinal);
        Assert.False(tls.Accepts(null, SslPolicyErrors.RemoteCertificateNotAvailable, out reason));
        Assert.Equal("the peer sent no certificate", reason);
        Assert.False(tls.Accepts(peer, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, out reason));
        Assert.Contains("IP subject alternative name", reason, StringComparison.Ordinal);
    }
}
