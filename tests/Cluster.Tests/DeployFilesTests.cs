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

    [DockerComposeFact]
    public void Deploy_compose_config_is_valid_and_every_service_is_on_the_host_network()
    {
        RequireCompose();
        var config = DockerComposeCli.Run(TimeSpan.FromSeconds(60), "-p", ComposeProject, "-f", ComposeFile, "config");
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
        var before = Networks();
        Compose(TimeSpan.FromSeconds(60), "down", "--remove-orphans");
        try
        {
            Compose(TimeSpan.FromSeconds(120), "up", "-d");
            foreach (string silo in new[] { "silo1", "silo2", "silo3" })
            {
                await TestCluster.WaitForAsync(
                    () => DockerComposeCli.Run(TimeSpan.FromSeconds(30), "-p", ComposeProject, "-f", ComposeFile, "logs", "--no-color", silo).Output.Contains(TestCluster.JoinedLine, StringComparison.Ordinal),
                    TimeSpan.FromSeconds(90),
                    $"{silo} to join the cluster");
            }

            Assert.Equal(before, Networks());
        }
        finally
        {
            Compose(TimeSpan.FromSeconds(120), "down", "--remove-orphans");
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

    private static void Compose(TimeSpan timeout, params string[] args)
    {
        var r = DockerComposeCli.Run(timeout, ["-p", ComposeProject, "-f", ComposeFile, .. args]);
        Assert.True(r.ExitCode == 0, $"docker-compose {string.Join(' ', args)} failed ({r.ExitCode}): {r.Error}");
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
