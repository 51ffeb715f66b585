using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Client.Hosting;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Cluster;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Tests.Certificates;

namespace Sweep.Cluster.Tests;

/// <summary>
/// Orleans TLS between silos and clients (Microsoft.Orleans.Connections.Security): two silos in
/// this process, talking to each other and to the clients over mutual TLS with certificates made
/// at test time, around a redis-server process on 127.0.0.1 (TLS to Redis is SecuredRedisTests'). A client with the cluster's CA runs the
/// campaign to local mode's bits; one with another CA's certificate, one without TLS, and one
/// trusting another CA each stop at once with one line (no retry notice before it) and exit
/// code 8; one whose file is missing gets exit code 2 naming the option.
/// </summary>
public sealed class ClusterTlsTests
{
    private const int BasePort = 18100;

    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(20);

    [RedisServerFact]
    public async Task Silos_with_mutual_tls_run_the_campaign_to_local_bits_and_refuse_clients_without_the_clusters_certificate()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        string specs = SweepCli.SpecDirectory();
        string spec = Path.Combine(specs, Specs.Name + ".json");
        string dir = Directory.CreateTempSubdirectory("sweep-cluster-tls-").FullName;
        using var authority = TestCertificates.Create("Sweep cluster CA");
        using var stranger = TestCertificates.Create("Some other CA");
        string ca = Write(dir, "ca.crt", authority.Ca);
        (string siloCert, string siloKey) = WritePair(dir, "silo", authority.IssuePeer("CN=sweep-silo", server: true, IPAddress.Loopback));
        (string clientCert, string clientKey) = WritePair(dir, "client", authority.IssuePeer("CN=sweep-client", server: false, null));
        (string strangerCert, string strangerKey) = WritePair(dir, "stranger", stranger.IssuePeer("CN=sweep-client", server: false, null));

        using RedisServerProcess redis = await RedisServerProcess.StartAsync(BasePort);
        string address = redis.Endpoint.ToString();
        ClusterTls siloTls = ClusterTls.Read(siloCert, siloKey, ca, _ => null, ("tls-cert", "tls-key", "tls-ca"))!;
        var silos = new List<IHost>();
        try
        {
            for (int i = 0; i < 2; i++)
            {
                silos.Add(await StartSiloAsync(i, siloTls));
            }

            string[] tls = ["--tls-cert", clientCert, "--tls-key", clientKey, "--tls-ca", ca];
            var run = SweepCli.Run(["run", spec, "--redis", address, .. tls]);
            Assert.True(run.Code == 0, run.ToString());
            ClusterTls clientTls = ClusterTls.Read(clientCert, clientKey, ca, _ => null, ("--tls-cert", "--tls-key", "--tls-ca"))!;
            await using (RemoteCluster client = await RemoteCluster.ConnectAsync(
                new ClusterTarget(redis.Endpoint, ClusterSiloSettings.DefaultClusterId, ClusterSiloSettings.DefaultServiceId, TimeSpan.FromSeconds(60)) { Tls = clientTls },
                TextWriter.Null,
                CancellationToken.None))
            {
                (await CampaignSnapshot.TakeAsync(client.Grains, Specs.Name)).AssertSameAs(reference, "mutual TLS");
            }

            var status = SweepCli.Run(["status", Specs.Name, "--redis", address, .. tls]);
            Assert.True(status.Code == 0, status.ToString());

            // Below the command line (which always presents its certificate): a TLS client that
            // trusts the silos but shows none gets no connection from the gateway.
            Assert.False(await AdmitsWithoutCertificateAsync(new IPEndPoint(IPAddress.Loopback, GatewayPort(0)), siloTls), "the gateway admitted a TLS client without a certificate");

            var clock = Stopwatch.StartNew();
            var foreign = SweepCli.Run("status", "--redis", address, "--outage-seconds", "60", "--tls-cert", strangerCert, "--tls-key", strangerKey, "--tls-ca", ca);
            AssertRefused(foreign, "sweep status: the gateway at 127.0.0.1:", clock);
            Assert.Contains($"refused this client's certificate {strangerCert}", foreign.Err, StringComparison.Ordinal);

            clock.Restart();
            var plain = SweepCli.Run("status", "--redis", address, "--outage-seconds", "60");
            AssertRefused(plain, "sweep status: the gateway at 127.0.0.1:", clock);
            Assert.Contains("requires TLS: give --tls-cert and --tls-ca", plain.Err, StringComparison.Ordinal);

            // The client trusts another CA only: it refuses the silos' certificates.
            string strangerCa = Write(dir, "stranger-ca.crt", stranger.Ca);
            clock.Restart();
            var distrustful = SweepCli.Run("status", "--redis", address, "--outage-seconds", "60", "--tls-cert", clientCert, "--tls-key", clientKey, "--tls-ca", strangerCa);
            AssertRefused(distrustful, "sweep status: TLS with a gateway of cluster 'sweep' through Redis", clock);
            Assert.Contains($"is not signed by the CA in {strangerCa}", distrustful.Err, StringComparison.Ordinal);

            // A file named on the command line that cannot be used is bad input, as for --redis-ca.
            var missing = SweepCli.Run("status", "--redis", address, "--tls-cert", Path.Combine(dir, "absent.crt"), "--tls-ca", ca);
            Assert.True(missing.Code == ExitCodes.Usage, missing.ToString());
            Assert.StartsWith($"sweep status: --tls-cert: cannot read a certificate and its private key from '{Path.Combine(dir, "absent.crt")}'", missing.Err, StringComparison.Ordinal);
            Assert.Single(missing.Err.Trim().Split('\n'));
        }
        finally
        {
            foreach (IHost silo in silos)
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await silo.StopAsync(stop.Token);
                silo.Dispose();
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Whether the gateway keeps a TLS connection from a client that shows no certificate: over
    /// TLS 1.2 a refusal ends the handshake; a gateway that admitted the client waits for
    /// Orleans' preamble, so a read times out instead of finding the connection closed.
    /// </summary>
    private static async Task<bool> AdmitsWithoutCertificateAsync(IPEndPoint gateway, ClusterTls trust)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(gateway);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = gateway.Address.ToString(),
                EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => trust.Accepts(certificate, errors, out _),
            });
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            return await tls.ReadAsync(new byte[1], wait.Token) > 0;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
            return false;
        }
    }

    private static int GatewayPort(int silo) => BasePort + 11 + silo;

    private static void AssertRefused(SweepCli.Result result, string start, Stopwatch clock)
    {
        Assert.True(result.Code == ExitCodes.AuthenticationFailed, result.ToString());
        Assert.True(result.Err.StartsWith(start, StringComparison.Ordinal), $"expected to start with: {start}; {result}");
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < AtOnce, string.Create(CultureInfo.InvariantCulture, $"refused after {clock.Elapsed.TotalSeconds:F1} s: {result}"));
    }

    /// <summary>A cluster-mode silo in this process, built as sweep-silo builds it, on the test's ports.</summary>
    private static async Task<IHost> StartSiloAsync(int index, ClusterTls tls)
    {
        var settings = new ClusterSiloSettings
        {
            Redis = new RedisEndpoint("127.0.0.1", BasePort),
            SiloPort = BasePort + 1 + index,
            GatewayPort = GatewayPort(index),
            Slots = 1,
            Tls = tls,
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseSweepCluster(settings));
        IHost host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static string Write(string dir, string name, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }

    private static (string Certificate, string Key) WritePair(string dir, string name, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        string cert = Path.Combine(dir, name + ".crt");
        string key = Path.Combine(dir, name + ".key");
        TestCertificates.WritePem(certificate, cert, key);
        certificate.Dispose();
        return (cert, key);
    }
}
