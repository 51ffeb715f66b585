using System.Diagnostics;
using System.Globalization;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Cluster;
using Sweep.Grains.Interfaces;
using Sweep.Tests.Certificates;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A cluster whose Redis has a password (from its 0600 config file), and one that also speaks
/// only TLS and requires client certificates: wrong or missing credentials get one line and
/// exit code 8 at once; the right ones run the campaign to local mode's bits, and the password
/// appears in no output.
/// </summary>
public sealed class SecuredRedisTests
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(20);

    [DockerFact]
    public async Task Redis_with_a_password_refuses_wrong_ones_at_once_and_runs_the_campaign_to_local_bits_without_showing_it()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        string specs = SweepCli.SpecDirectory();
        string spec = Path.Combine(specs, Specs.Name + ".json");
        using var secured = SecuredRedis.WithPassword();
        await using TestCluster cluster = await TestCluster.StartAsync(16700, silos: 2, secured: secured);
        string redis = cluster.RedisEndpoint.ToString();
        var outputs = new List<(string What, string Text)>();

        Assert.DoesNotContain(secured.Password, DockerCli.Check("inspect", "--format", "{{json .Args}} {{json .Config.Cmd}}", cluster.Redis.Id), StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var none = SweepCli.Run("status", "--redis", redis, "--outage-seconds", "60");
        Assert.True(none.Code == ExitCodes.AuthenticationFailed, none.ToString());
        Assert.Equal($"sweep status: Redis at {redis} needs a password: set SWEEP_REDIS_PASSWORD or pass --redis-password-file", none.Err.Trim());

        string wrongFile = Path.Combine(specs, "wrong-password");
        File.WriteAllText(wrongFile, "pw-not-it\n");
        var wrong = SweepCli.Run("run", spec, "--redis", redis, "--redis-password-file", wrongFile, "--outage-seconds", "60");
        Assert.True(wrong.Code == ExitCodes.AuthenticationFailed, wrong.ToString());
        Assert.StartsWith($"sweep run: Redis at {redis} refused the password (WRONGPASS", wrong.Err, StringComparison.Ordinal);
        Assert.Single(wrong.Err.Trim().Split('\n'));
        Assert.True(clock.Elapsed < AtOnce, string.Create(CultureInfo.InvariantCulture, $"wrong passwords took {clock.Elapsed.TotalSeconds:F1} s"));

        await using (var badSilo = cluster.SiloWithPassword(5, "pw-not-it"))
        {
            string exit = await ExitOfAsync(badSilo);
            string logs = DockerCli.Logs(badSilo.Id);
            outputs.Add(("the silo with a wrong password", logs));
            Assert.True(exit == ExitCodes.AuthenticationFailed.ToString(CultureInfo.InvariantCulture), $"exit {exit}: {logs}");
            Assert.Contains($"sweep-silo: cannot start: Redis at 127.0.0.1:16700 refused the password (WRONGPASS", logs, StringComparison.Ordinal);
        }

        // The right password, from the environment, in the client image: every byte it prints is searched.
        var run = SweepCli.InContainer(specs, TimeSpan.FromMinutes(3), new Dictionary<string, string> { [RedisCredentials.PasswordVariable] = secured.Password }, "run", $"/campaigns/{Specs.Name}.json", "--redis", redis);
        Assert.True(run.Code == 0, run.ToString());
        outputs.Add(("sweep run in the client image", run.Out + run.Err));
        await using (RemoteCluster client = await cluster.ConnectAsync())
        {
            (await CampaignSnapshot.TakeAsync(client.Grains, Specs.Name)).AssertSameAs(reference, "password");
        }

        // And from a file, in this process: every reading command and what export and report write.
        string[] access = secured.ClientOptions();
        foreach (string[] command in new[]
        {
            new[] { "list" }, ["status", "--json"], ["table", Specs.Name, "--format", "json"],
            ["export", Specs.Name, "--out", Path.Combine(specs, "export")], ["report", Specs.Name, "--out", Path.Combine(specs, "report")],
        })
        {
            var result = SweepCli.Run([.. command, "--redis", redis, .. access]);
            Assert.True(result.Code == 0, $"sweep {command[0]}: {result}");
            outputs.Add(($"sweep {command[0]}", result.Out + result.Err));
        }

        outputs.Add(("the silos' logs", cluster.SiloLogs()));
        outputs.Add(("Redis' log", DockerCli.Logs(cluster.Redis.Id)));
        foreach (string file in Directory.GetFiles(Path.Combine(specs, "export"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(specs, "report"), "*", SearchOption.AllDirectories)))
        {
            outputs.Add((file, Convert.ToHexString(File.ReadAllBytes(file)) + "\n" + File.ReadAllText(file)));
        }

        Assert.Contains(outputs, o => o.What.EndsWith("index.html", StringComparison.Ordinal));
        Assert.Contains("(a password, no TLS)", outputs.Single(o => o.What == "the silos' logs").Text, StringComparison.Ordinal);
        string hex = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(secured.Password));
        foreach (var (what, text) in outputs)
        {
            Assert.False(text.Contains(secured.Password, StringComparison.Ordinal) || text.Contains(hex, StringComparison.OrdinalIgnoreCase), $"{what} shows the Redis password");
        }

        Directory.Delete(specs, recursive: true);
    }

    [DockerFact]
    public async Task Redis_over_TLS_with_client_certificates_refuses_plain_and_untrusted_clients_and_runs_the_campaign_to_local_bits()
    {
        CampaignSnapshot reference = await LocalReference.GetAsync();
        string specs = SweepCli.SpecDirectory();
        string spec = Path.Combine(specs, Specs.Name + ".json");
        using var secured = SecuredRedis.WithPasswordAndTls();
        await using TestCluster cluster = await TestCluster.StartAsync(16760, silos: 2, secured: secured);
        string redis = cluster.RedisEndpoint.ToString();
        string password = secured.PasswordFile;
        Assert.Contains("(a password, TLS (CA /secure/client/ca.crt, client certificate /secure/client/client.crt))", cluster.SiloLogs(), StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var plain = SweepCli.Run("list", "--redis", redis, "--redis-password-file", password);
        Assert.True(plain.Code == ExitCodes.AuthenticationFailed, plain.ToString());
        Assert.StartsWith($"sweep list: Redis at {redis} closed the connection without answering", plain.Err, StringComparison.Ordinal);
        Assert.Contains("connect with --redis-tls", plain.Err, StringComparison.Ordinal);

        using var other = TestCertificates.Create("another CA");
        string otherDir = Path.Combine(specs, "other-ca");
        Directory.CreateDirectory(otherDir);
        other.WriteTo(otherDir);
        string otherCa = Path.Combine(otherDir, TestCertificates.CaFile);
        var untrusted = SweepCli.Run("list", "--redis", redis, "--redis-password-file", password, "--redis-ca", otherCa);
        Assert.True(untrusted.Code == ExitCodes.AuthenticationFailed, untrusted.ToString());
        Assert.StartsWith($"sweep list: TLS with Redis at {redis} failed: the server's certificate is not signed by the CA in {otherCa}", untrusted.Err, StringComparison.Ordinal);

        string ca = secured.ClientFile(TestCertificates.CaFile);
        var noCertificate = SweepCli.Run("list", "--redis", redis, "--redis-password-file", password, "--redis-ca", ca);
        Assert.True(noCertificate.Code == ExitCodes.AuthenticationFailed, noCertificate.ToString());
        Assert.Contains("give --redis-cert and --redis-key", noCertificate.Err, StringComparison.Ordinal);

        var strangerCertificate = SweepCli.Run(
            "list", "--redis", redis, "--redis-password-file", password, "--redis-ca", ca,
            "--redis-cert", Path.Combine(otherDir, TestCertificates.ClientCertificateFile), "--redis-key", Path.Combine(otherDir, TestCertificates.ClientKeyFile));
        Assert.True(strangerCertificate.Code == ExitCodes.AuthenticationFailed, strangerCertificate.ToString());
        foreach (var refused in new[] { plain, untrusted, noCertificate, strangerCertificate })
        {
            Assert.Single(refused.Err.Trim().Split('\n'));
        }

        Assert.True(clock.Elapsed < AtOnce * 2, string.Create(CultureInfo.InvariantCulture, $"four refusals took {clock.Elapsed.TotalSeconds:F1} s"));

        var run = SweepCli.Run(["run", spec, "--redis", redis, .. secured.ClientOptions()]);
        Assert.True(run.Code == 0, run.ToString());
        await using (RemoteCluster client = await cluster.ConnectAsync())
        {
            (await CampaignSnapshot.TakeAsync(client.Grains, Specs.Name)).AssertSameAs(reference, "tls");
        }

        Assert.DoesNotContain(secured.Password, run.Out + run.Err + cluster.SiloLogs(), StringComparison.Ordinal);
        Directory.Delete(specs, recursive: true);
    }

    /// <summary>Starts a container that must stop by itself and returns its exit code.</summary>
    private static async Task<string> ExitOfAsync(DotNet.Testcontainers.Containers.IContainer container)
    {
        try
        {
            await container.StartAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Testcontainers may report the early exit itself; the exit code and log decide.
        }

        return DockerCli.Check("wait", container.Id).Trim();
    }
}
