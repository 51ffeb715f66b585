using System.Text.RegularExpressions;

namespace Sweep.Cluster.Tests;

/// <summary>
/// The files under deploy/ agree with what the silo reads: images, ports and SWEEP_* names.
/// The first tests only read files; the compose tests run docker-compose.
/// </summary>
public sealed class DeployFilesTests
{
    private const string ComposeFile = "deploy/compose/docker-compose.yml";
    private const string ComposeProject = "sweepdeploytest";

    [Fact]
    public void Deploy_compose_file_uses_host_networking_and_settings_the_silo_reads()
    {
        string yaml = RepositoryFiles.Read(ComposeFile);
        Assert.DoesNotContain("\nnetworks:", yaml, StringComparison.Ordinal);
        var services = ManifestText.Children(yaml, "services");
        Assert.Contains("redis", services.Keys);
        foreach (var (name, block) in services)
        {
            Assert.True(ManifestText.Single(block, "network_mode") == "host", $"service {name} must use network_mode: host");
            Assert.DoesNotContain("networks:", block, StringComparison.Ordinal);
            Assert.DoesNotContain("ports:", block, StringComparison.Ordinal);
        }

        string redis = services["redis"];
        Assert.Equal("sweep-redis", ManifestText.Single(redis, "image"));
        var command = ManifestText.FlowList(redis, "command");
        string redisPort = After(command, "--port");
        Assert.Equal("127.0.0.1", After(command, "--bind"));
        Assert.Equal("yes", After(command, "--appendonly"));
        Assert.Equal("always", After(command, "--appendfsync"));
        Assert.StartsWith("18", redisPort, StringComparison.Ordinal);

        var silos = services.Where(s => s.Key != "redis").ToList();
        Assert.Equal(3, silos.Count);
        var ports = new List<string>();
        foreach (var (name, block) in silos)
        {
            Assert.Equal("sweep-silo", ManifestText.Single(block, "image"));
            var env = ManifestText.Environment(block);
            AssertKnownNames(env.Keys, name);
            Assert.Equal($"127.0.0.1:{redisPort}", env["SWEEP_REDIS"]);
            ports.Add(env["SWEEP_SILO_PORT"]!);
            ports.Add(env["SWEEP_GATEWAY_PORT"]!);
        }

        Assert.Equal(ports.Count, ports.Append(redisPort).Distinct().Count() - 1);
        Assert.All(ports, p => Assert.InRange(int.Parse(p, System.Globalization.CultureInfo.InvariantCulture), 18000, 18999));
    }

    [Fact]
    public void Deploy_kubernetes_files_agree_on_images_ports_and_settings()
    {
        string silo = RepositoryFiles.Read("deploy/k8s/silo.yaml");
        Assert.Equal("sweep-silo", ManifestText.Single(silo, "image"));
        var env = ManifestText.Environment(silo);
        AssertKnownNames(env.Keys, "the silo Deployment");
        Assert.True(env.ContainsKey("SWEEP_ADVERTISED_ADDRESS"), "each pod must advertise its own address");
        var containerPorts = ManifestText.Values(silo, "containerPort").Order().ToList();
        Assert.Equal(new[] { env["SWEEP_SILO_PORT"]!, env["SWEEP_GATEWAY_PORT"]! }.Order().ToList(), containerPorts);

        string redis = RepositoryFiles.Read("deploy/k8s/redis.yaml");
        Assert.Contains("kind: Deployment", redis, StringComparison.Ordinal);
        Assert.Contains("kind: Service", redis, StringComparison.Ordinal);
        Assert.Equal("sweep-redis", ManifestText.Single(redis, "image"));
        var args = ManifestText.FlowList(redis, "args");
        Assert.Equal("yes", After(args, "--appendonly"));
        Assert.Equal("always", After(args, "--appendfsync"));
        string service = ManifestText.Values(redis, "name").Skip(1).First(n => n == "sweep-redis");
        string redisPort = After(args, "--port");
        Assert.Equal($"{service}:{redisPort}", env["SWEEP_REDIS"]);
        Assert.Contains(redisPort, ManifestText.Values(redis, "port"));
        Assert.Contains(redisPort, ManifestText.Values(redis, "containerPort"));

        string job = RepositoryFiles.Read("deploy/k8s/client-job.yaml");
        Assert.Contains("kind: Job", job, StringComparison.Ordinal);
        Assert.Equal("sweep-client", ManifestText.Single(job, "image"));
        var clientArgs = ManifestText.FlowList(job, "args");
        Assert.Equal("run", clientArgs[0]);
        Assert.Equal(env["SWEEP_REDIS"], After(clientArgs, "--redis"));
        Assert.Contains("--detach", clientArgs);
    }

    [Fact]
    public void Deploy_slurm_script_passes_only_options_the_silo_knows()
    {
        string script = RepositoryFiles.Read("deploy/slurm/sweep.sbatch");
        Assert.StartsWith("#!/bin/bash", script, StringComparison.Ordinal);
        Assert.Contains("srun", script, StringComparison.Ordinal);
        Assert.Contains("--appendfsync always", script, StringComparison.Ordinal);
        int start = script.IndexOf("sweep-silo --redis", StringComparison.Ordinal);
        Assert.True(start >= 0, "the script must start sweep-silo --redis ...");
        string siloLine = script[start..script.IndexOf('\'', start)];
        var options = System.Text.RegularExpressions.Regex.Matches(siloLine, @"--([a-z-]+)").Select(m => "SWEEP_" + m.Groups[1].Value.Replace('-', '_').ToUpperInvariant());
        AssertKnownNames(options, "the sbatch silo line");
        Assert.Contains("--slots", siloLine, StringComparison.Ordinal);
        Assert.Contains("sweep run", script, StringComparison.Ordinal);
    }

    [Fact]
    public void No_deploy_file_starts_an_open_Redis()
    {
        string deploy = RepositoryFiles.Path("deploy");
        var starters = new List<string>();
        foreach (string file in Directory.GetFiles(deploy, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(RepositoryFiles.Root, file);
            string text = File.ReadAllText(file);
            string[] code = text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).ToArray();
            string body = string.Join('\n', code);
            Assert.False(Regex.IsMatch(body, @"protected-mode[""',\s]+no\b"), $"{name} turns Redis' protected mode off");
            Assert.False(Regex.IsMatch(body, @"requirepass[""',\s]+[^""'\s%$]"), $"{name} gives Redis its password as an argument; it belongs in a 0600 config file");
            Assert.False(Regex.IsMatch(body, @"redis-cli[^\n]*\s(-a|--pass|--user)\s"), $"{name} gives redis-cli the password as an argument; use REDISCLI_AUTH");
            Assert.False(Regex.IsMatch(body, @"--redis-password[^-]"), $"{name} passes a Redis password on a command line");
            foreach (string line in code.Where(l => l.Contains("0.0.0.0", StringComparison.Ordinal)))
            {
                Assert.True(
                    text.Split('\n').Any(l => l.TrimStart().StartsWith('#') && l.Contains("0.0.0.0", StringComparison.Ordinal)),
                    $"{name} binds 0.0.0.0 without a comment saying why: {line.Trim()}");
            }

            bool startsRedis = Regex.IsMatch(body, @"\bredis-server\b") || Regex.IsMatch(body, @"image:\s*sweep-redis\b");
            if (startsRedis)
            {
                starters.Add(name);
                // Where the password comes from may be said in a comment (a mounted config file).
                Assert.True(text.Contains("requirepass", StringComparison.Ordinal), $"{name} starts Redis without requirepass");
                Assert.True(Regex.IsMatch(body, @"protected-mode[""',\s]+yes\b"), $"{name} starts Redis without saying protected-mode yes");
                Assert.True(
                    Regex.IsMatch(body, @"redis-server[""',\s]+[""']?(/|\$)[^""'\s]*\.conf") || Regex.IsMatch(body, @"\[""(/|\$)[^""]*redis\.conf"""),
                    $"{name} starts Redis without a config file first (where the password belongs)");
            }
        }

        Assert.Equal(
            new[] { "deploy/compose/docker-compose.yml", "deploy/docker/redis.Dockerfile", "deploy/k8s/redis.yaml", "deploy/slurm/sweep.sbatch" },
            starters.Select(s => s.Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Deploy_kubernetes_files_mount_the_password_secret_and_admit_only_silos_and_the_client()
    {
        foreach (string file in new[] { "deploy/k8s/redis.yaml", "deploy/k8s/silo.yaml", "deploy/k8s/client-job.yaml" })
        {
            string yaml = RepositoryFiles.Read(file);
            Assert.True(ManifestText.Values(yaml, "secretName").Contains("sweep-redis-auth"), $"{file} must mount the Secret sweep-redis-auth");
            Assert.Contains("defaultMode: 0400", yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("SWEEP_REDIS_PASSWORD\n", yaml, StringComparison.Ordinal);
        }

        Assert.Equal("/etc/sweep-redis/password", ManifestText.Environment(RepositoryFiles.Read("deploy/k8s/silo.yaml"))["SWEEP_REDIS_PASSWORD_FILE"]);
        var clientArgs = ManifestText.FlowList(RepositoryFiles.Read("deploy/k8s/client-job.yaml"), "args");
        Assert.Equal("/etc/sweep-redis/password", After(clientArgs, "--redis-password-file"));

        string policy = RepositoryFiles.Read("deploy/k8s/network-policy.yaml");
        Assert.Equal(2, Regex.Matches(policy, "kind: NetworkPolicy").Count);
        var admitted = ManifestText.Values(policy, "app").Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "sweep-client", "sweep-redis", "sweep-silo" }, admitted);
        Assert.Equal(new[] { "11111", "30000", "6379" }, ManifestText.Values(policy, "port").Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("app: sweep-client", RepositoryFiles.Read("deploy/k8s/client-job.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_slurm_script_makes_a_password_per_job_in_a_private_file()
    {
        string script = RepositoryFiles.Read("deploy/slurm/sweep.sbatch");
        Assert.Contains("umask 077", script, StringComparison.Ordinal);
        Assert.Contains("/dev/urandom", script, StringComparison.Ordinal);
        Assert.Contains("REDISCLI_AUTH=", script, StringComparison.Ordinal);
        Assert.Contains("--redis-password-file \"$PASSWORD_FILE\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0.0.0", script, StringComparison.Ordinal);
    }

    [DockerComposeFact]
    public void Deploy_compose_config_is_valid_and_every_service_is_on_the_host_network()
    {
        RequireCompose();
        using var copy = new ComposeCopy();
        var config = DockerComposeCli.Run(TimeSpan.FromSeconds(60), "-p", ComposeProject, "-f", copy.File, "config");
        Assert.True(config.ExitCode == 0, $"docker-compose config failed: {config.Error}");
        var services = ManifestText.Children(config.Output, "services");
        Assert.Equal(4, services.Count);
        Assert.All(services, s => Assert.Equal("host", ManifestText.Single(s.Value, "network_mode")));
        Assert.DoesNotContain("\nnetworks:", config.Output, StringComparison.Ordinal);
    }

    [DockerComposeFact]
    public async Task Deploy_compose_stack_starts_three_silos_without_creating_a_network()
    {
        RequireCompose();
        using var copy = new ComposeCopy();
        var before = Networks();
        Compose(copy, TimeSpan.FromSeconds(60), "down", "--remove-orphans");
        try
        {
            Compose(copy, TimeSpan.FromSeconds(120), "up", "-d");
            foreach (string silo in new[] { "silo1", "silo2", "silo3" })
            {
                await TestCluster.WaitForAsync(
                    () => DockerComposeCli.Run(TimeSpan.FromSeconds(30), "-p", ComposeProject, "-f", copy.File, "logs", "--no-color", silo).Output.Contains(TestCluster.JoinedLine, StringComparison.Ordinal),
                    TimeSpan.FromSeconds(90),
                    $"{silo} to join the cluster");
            }

            // Redis wants the env file's password, and has it from its config file, not its arguments.
            string logs = DockerComposeCli.Run(TimeSpan.FromSeconds(30), "-p", ComposeProject, "-f", copy.File, "logs", "--no-color", "silo1").Output;
            Assert.Contains("(a password, no TLS)", logs, StringComparison.Ordinal);
            var noPassword = await Grains.Cluster.RedisProbe.CheckAsync(new Grains.Cluster.RedisEndpoint("127.0.0.1", 18379), TimeSpan.FromSeconds(5));
            Assert.Equal(Grains.Cluster.RedisProblemKind.NeedsPassword, noPassword?.Kind);
            string redisId = DockerComposeCli.Run(TimeSpan.FromSeconds(30), "-p", ComposeProject, "-f", copy.File, "ps", "-q", "redis").Output.Trim();
            Assert.DoesNotContain(copy.Password, DockerCli.Check("exec", redisId, "cat", "/proc/1/cmdline"), StringComparison.Ordinal);
            Assert.Equal(before, Networks());
        }
        finally
        {
            Compose(copy, TimeSpan.FromSeconds(120), "down", "--remove-orphans");
        }

        Assert.Equal(before, Networks());
    }

    private static void RequireCompose()
    {
        if (DockerComposeCli.Problem is { } problem)
        {
            throw new InvalidOperationException(DockerEnvironment.SkipReason(problem) + "; CI=true, so this is a failure");
        }
    }

    private static void Compose(ComposeCopy copy, TimeSpan timeout, params string[] args)
    {
        var r = DockerComposeCli.Run(timeout, ["-p", ComposeProject, "-f", copy.File, .. args]);
        Assert.True(r.ExitCode == 0, $"docker-compose {string.Join(' ', args)} failed ({r.ExitCode}): {r.Error}");
    }

    /// <summary>
    /// The compose file in a temporary directory beside a generated sweep.env (0600), as a user
    /// sets it up, so the tests never write into the repository.
    /// </summary>
    private sealed class ComposeCopy : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-compose-");

        public ComposeCopy()
        {
            File = Path.Combine(_dir.FullName, "docker-compose.yml");
            System.IO.File.Copy(RepositoryFiles.Path(ComposeFile), File);
            Password = "pw" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            string env = Path.Combine(_dir.FullName, "sweep.env");
            using (System.IO.File.Create(env))
            {
            }

            if (!OperatingSystem.IsWindows())
            {
                System.IO.File.SetUnixFileMode(env, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            System.IO.File.WriteAllText(env, $"SWEEP_REDIS_PASSWORD={Password}\n");
        }

        public string File { get; }

        public string Password { get; }

        public void Dispose() => _dir.Delete(recursive: true);
    }

    private static List<string> Networks()
        => DockerCli.Check("network", "ls", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order().ToList();

    private static void AssertKnownNames(IEnumerable<string> names, string where)
    {
        var known = SiloSettingNames.EnvironmentNames;
        foreach (string name in names)
        {
            Assert.True(known.Contains(name), $"{where}: {name} is not a setting the silo reads ({string.Join(", ", known.Order())})");
        }
    }

    private static string After(List<string> items, string flag)
    {
        int i = items.IndexOf(flag);
        Assert.True(i >= 0 && i + 1 < items.Count, $"{flag} with a value expected in [{string.Join(", ", items)}]");
        return items[i + 1];
    }
}
