using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Cluster;
using Sweep.Tests.Certificates;

namespace Sweep.Client.Tests.Cluster;

/// <summary>
/// The gateway probe on real sockets on 127.0.0.1: only a server that answers with TLS can be
/// said to require TLS or to refuse a certificate. A closed port (a dead silo's stale gateway)
/// and a plain listener that drops the hello (a gateway without TLS, a silo going down) are not
/// TLS problems, whether this client uses TLS or not.
/// </summary>
public sealed class GatewayTlsProbeTests : IDisposable
{
    private static readonly TimeSpan Connect = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Handshake = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-gateway-probe-");
    private readonly TestCertificates _authority = TestCertificates.Create("Sweep cluster CA");
    private readonly TestCertificates _stranger = TestCertificates.Create("Some other CA");

    public void Dispose()
    {
        _authority.Dispose();
        _stranger.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task A_closed_port_is_no_tls_problem_with_or_without_tls()
    {
        var gateway = new IPEndPoint(IPAddress.Loopback, FreePort());
        Assert.Equal(GatewayTlsVerdict.NoProblem, await GatewayTlsProbe.CheckAsync(gateway, null, Connect, Handshake, CancellationToken.None));
        Assert.Equal(GatewayTlsVerdict.NoProblem, await GatewayTlsProbe.CheckAsync(gateway, Tls(_authority, "client"), Connect, Handshake, CancellationToken.None));
    }

    [Fact]
    public async Task A_plain_listener_that_drops_the_hello_is_no_tls_problem_for_a_client_without_tls()
    {
        using var listener = Listen();
        Task server = DropEachAsync(listener, count: 1);
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), null, Connect, Handshake, CancellationToken.None);
        await server;
        Assert.Equal(GatewayTlsVerdict.NoProblem, verdict);
    }

    [Fact]
    public async Task A_plain_listener_that_answers_in_plain_text_is_no_tls_problem()
    {
        using var listener = Listen();
        Task server = AnswerPlainAsync(listener, "-ERR unknown command\r\n"u8.ToArray());
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), null, Connect, Handshake, CancellationToken.None);
        await server;
        Assert.Equal(GatewayTlsVerdict.NoProblem, verdict);
    }

    [Fact]
    public async Task A_plain_listener_that_drops_a_tls_clients_hello_is_no_problem_but_leaves_a_hint()
    {
        using var listener = Listen();
        Task server = DropEachAsync(listener, count: 1);
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), Tls(_authority, "client"), Connect, Handshake, CancellationToken.None);
        await server;
        Assert.Null(verdict.Problem);
        Assert.True(verdict.Decided);
        Assert.Contains("closed without a TLS answer: if the silos run without TLS, give no --tls-cert and --tls-ca", verdict.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_that_takes_the_connection_and_stays_silent_is_undecided()
    {
        using var listener = Listen();
        Task<TcpClient> accepted = listener.AcceptTcpClientAsync();
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), null, Connect, TimeSpan.FromSeconds(1), CancellationToken.None);
        using TcpClient connection = await accepted;
        Assert.Equal(GatewayTlsVerdict.Undecided, verdict);
    }

    [Fact]
    public async Task A_tls_gateway_is_reported_to_a_client_without_tls()
    {
        using var listener = Listen();
        Task server = ServeTlsAsync(listener, Tls(_authority, "silo"));
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), null, Connect, Handshake, CancellationToken.None);
        await server;
        Assert.StartsWith($"the gateway at {Endpoint(listener)} requires TLS: give --tls-cert and --tls-ca", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_gateway_accepts_a_client_of_its_ca_and_refuses_a_strangers_certificate()
    {
        ClusterTls silo = Tls(_authority, "silo");
        using var listener = Listen();
        Task server = ServeTlsAsync(listener, silo);
        // An accepting gateway stays silent, as a loaded one does before it closes on a stranger:
        // not a problem, but not settled either, so the client probes again on its next failure.
        Assert.Equal(GatewayTlsVerdict.Undecided, await GatewayTlsProbe.CheckAsync(Endpoint(listener), Tls(_authority, "client"), Connect, Handshake, CancellationToken.None));
        await server;

        // A client certificate from another CA, the client trusting the cluster's CA.
        ClusterTls stranger = ClusterTls.Read(Issue(_stranger, "stranger", server: false), null, CaFile(_authority), _ => null, ("--tls-cert", "--tls-key", "--tls-ca"))!;
        server = ServeTlsAsync(listener, silo);
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), stranger, Connect, Handshake, CancellationToken.None);
        await server;
        Assert.StartsWith($"the gateway at {Endpoint(listener)} refused this client's certificate {stranger.CertificateFile}", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_trusting_another_ca_refuses_the_gateway()
    {
        using var listener = Listen();
        Task server = ServeTlsAsync(listener, Tls(_authority, "silo"));
        ClusterTls distrustful = ClusterTls.Read(Issue(_authority, "client", server: false), null, CaFile(_stranger), _ => null, ("--tls-cert", "--tls-key", "--tls-ca"))!;
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), distrustful, Connect, Handshake, CancellationToken.None);
        await server;
        Assert.StartsWith($"TLS with the gateway at {Endpoint(listener)} failed: the peer's certificate 'CN=silo' is not signed by the CA in {CaFile(_stranger)}", verdict.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x16, 0x03, 0x03 }, true)]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00 }, true)]
    [InlineData(new byte[] { 0x15, 0x03, 0x03 }, true)]
    [InlineData(new byte[] { 0x16, 0x03 }, false)]
    [InlineData(new byte[] { 0x17, 0x03, 0x03 }, false)]
    [InlineData(new byte[] { 0x16, 0x02, 0x00 }, false)]
    [InlineData(new byte[] { 0x16, 0x03, 0x05 }, false)]
    [InlineData(new byte[] { (byte)'-', (byte)'E', (byte)'R' }, false)]
    [InlineData(new byte[0], false)]
    public void Only_a_handshake_or_alert_record_counts_as_a_tls_answer(byte[] head, bool tls)
        => Assert.Equal(tls, ServerAnswerStream.IsTlsRecordStart(head));

    [Fact]
    public void A_problem_outweighs_an_undecided_gateway_which_outweighs_a_hint()
    {
        var hint = GatewayTlsVerdict.NoProblem with { Hint = "h" };
        var refused = GatewayTlsVerdict.Refused("r");
        Assert.Equal(refused, GatewayTlsVerdict.Combine([GatewayTlsVerdict.Undecided, hint, refused]));
        Assert.Equal(GatewayTlsVerdict.Undecided, GatewayTlsVerdict.Combine([hint, GatewayTlsVerdict.Undecided, GatewayTlsVerdict.NoProblem]));
        Assert.Equal(hint, GatewayTlsVerdict.Combine([GatewayTlsVerdict.NoProblem, hint]));
        Assert.Equal(GatewayTlsVerdict.NoProblem, GatewayTlsVerdict.Combine([]));
    }

    [Fact]
    public async Task A_gateway_that_drops_the_handshake_after_a_tls_answer_twice_refuses_the_certificate()
    {
        // What a loaded .NET gateway does to a stranger's certificate when its check wins the
        // race with the client's end of the handshake: a TLS answer, then the end of the stream.
        using var listener = Listen();
        Task server = AnswerTlsThenDropAsync(listener, count: 2);
        ClusterTls client = Tls(_authority, "client");
        var verdict = await GatewayTlsProbe.CheckAsync(Endpoint(listener), client, Connect, Handshake, CancellationToken.None);
        await server;
        Assert.StartsWith($"the gateway at {Endpoint(listener)} refused this client's certificate {client.CertificateFile}", verdict.Problem, StringComparison.Ordinal);
        Assert.EndsWith("it closed the connection during the handshake, twice", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_drops_one_handshake_and_is_then_gone_is_no_tls_problem()
    {
        // A silo dying mid-handshake: the second handshake finds nothing listening.
        var listener = Listen();
        IPEndPoint gateway = Endpoint(listener);
        Task server = AnswerTlsThenDropAsync(listener, count: 1).ContinueWith(_ => listener.Stop(), TaskScheduler.Default);
        var verdict = await GatewayTlsProbe.CheckAsync(gateway, Tls(_authority, "client"), Connect, Handshake, CancellationToken.None);
        await server;

        // The second handshake finds the port closed, or (if it connected before the listener
        // stopped) a connection closed without a TLS answer: either way not a TLS problem.
        Assert.Null(verdict.Problem);
        Assert.True(verdict.Decided);
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static IPEndPoint Endpoint(TcpListener listener) => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>Takes each connection, reads what the client sent, and closes without a word: a gateway without TLS meeting a TLS hello.</summary>
    private static async Task DropEachAsync(TcpListener listener, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            _ = await client.GetStream().ReadAsync(new byte[4096]);
        }
    }

    /// <summary>Takes each connection, reads the hello, sends the header of a TLS handshake record and closes before its body.</summary>
    private static async Task AnswerTlsThenDropAsync(TcpListener listener, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            NetworkStream stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[4096]);
            await stream.WriteAsync(new byte[] { 0x16, 0x03, 0x03, 0x00, 0x40 });
        }
    }

    private static async Task AnswerPlainAsync(TcpListener listener, byte[] answer)
    {
        using TcpClient client = await listener.AcceptTcpClientAsync();
        NetworkStream stream = client.GetStream();
        _ = await stream.ReadAsync(new byte[4096]);
        await stream.WriteAsync(answer);
    }

    /// <summary>
    /// One connection served as a TLS gateway does: its certificate, a client certificate required
    /// and checked against the CA; once admitted, the client is kept until it leaves, as a gateway
    /// waiting for Orleans' preamble keeps it.
    /// </summary>
    private static async Task ServeTlsAsync(TcpListener listener, ClusterTls tls)
    {
        using TcpClient client = await listener.AcceptTcpClientAsync();
        await using var stream = new SslStream(client.GetStream());
        try
        {
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = tls.Certificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => tls.Accepts(certificate, errors, out _),
            });
            while (await stream.ReadAsync(new byte[256]) > 0)
            {
            }
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
            // The client was refused, or refused this side: what the test looks at is the probe's verdict.
        }
    }

    private ClusterTls Tls(TestCertificates authority, string name)
        => ClusterTls.Read(Issue(authority, name, server: name == "silo"), null, CaFile(authority), _ => null, ("--tls-cert", "--tls-key", "--tls-ca"))!;

    /// <summary>A certificate with its key in one PEM file; a silo's names 127.0.0.1.</summary>
    private string Issue(TestCertificates authority, string name, bool server)
    {
        string file = Path.Combine(_dir.FullName, $"{name}-{authority.Ca.Thumbprint}.pem");
        using X509Certificate2 certificate = authority.IssuePeer($"CN={name}", server, server ? IPAddress.Loopback : null);
        string key = file + ".key";
        TestCertificates.WritePem(certificate, file, key);
        File.AppendAllText(file, File.ReadAllText(key));
        return file;
    }

    private string CaFile(TestCertificates authority)
    {
        string file = Path.Combine(_dir.FullName, $"ca-{authority.Ca.Thumbprint}.crt");
        File.WriteAllText(file, authority.Ca.ExportCertificatePem() + "\n");
        return file;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
