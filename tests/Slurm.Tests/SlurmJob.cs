using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Sweep.Slurm.Tests;

/// <summary>
/// One `sbatch deploy/slurm/sweep.sbatch SPEC` on the local Slurm node, with the node and CPU
/// counts of this machine on the command line and every address on 127.0.0.1 (SWEEP_ADDRESS).
/// </summary>
internal sealed partial class SlurmJob
{
    private static readonly string[] Terminal = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE"];

    private SlurmJob(string id, string workDir, int redisPort)
    {
        Id = id;
        WorkDir = workDir;
        RedisPort = redisPort;
    }

    public string Id { get; }

    public string WorkDir { get; }

    public int RedisPort { get; }

    public string OutputPath => Path.Combine(WorkDir, $"job-{Id}.out");

    public string Output => File.Exists(OutputPath) ? File.ReadAllText(OutputPath) : string.Empty;

    /// <summary>Submits the repository's script unchanged; extra sbatch options (e.g. --time) come before it.</summary>
    public static SlurmJob Submit(string specPath, string workDir, params string[] sbatchOptions)
        => Submit(specPath, workDir, slots: null, sbatchOptions);

    /// <summary>As <see cref="Submit(string, string, string[])"/>, with SWEEP_SLOTS compute slots for the silo when given.</summary>
    public static SlurmJob Submit(string specPath, string workDir, int? slots, params string[] sbatchOptions)
    {
        int redisPort = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["SWEEP_HOME"] = Repository.SweepHome,
            ["SWEEP_WORKDIR"] = workDir,
            ["SWEEP_ADDRESS"] = "127.0.0.1",
            ["REDIS_PORT"] = redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SILO_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GATEWAY_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (slots is int n)
        {
            environment["SWEEP_SLOTS"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string[] args =
        [
            "--parsable",
            "--nodes=1",
            "--ntasks-per-node=1",
            $"--cpus-per-task={Environment.ProcessorCount}",
            $"--chdir={workDir}",
            $"--output={Path.Combine(workDir, "job-%j.out")}",
            .. sbatchOptions,
            Repository.Script,
            specPath,
        ];
        Tool.Result sbatch = Tool.Run("sbatch", args, TimeSpan.FromSeconds(30), environment);
        Assert.True(sbatch.ExitCode == 0, $"sbatch failed: {sbatch.Error}");
        string id = sbatch.Output.Trim().Split(';')[0];
        return new SlurmJob(id, workDir, redisPort);
    }

    /// <summary>The job's state once Slurm has ended it (COMPLETED, CANCELLED, TIMEOUT, ...) and its exit code.</summary>
    public async Task<(string State, string ExitCode)> WaitAsync(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            (string state, string exit) = Show();
            if (Terminal.Contains(state))
            {
                return (state, exit);
            }

            await Task.Delay(500);
        }

        Tool.Run("scancel", [Id], TimeSpan.FromSeconds(20));
        throw new TimeoutException($"job {Id} did not end within {timeout.TotalSeconds} s; its output:\n{Output}");
    }

    public (string State, string ExitCode) Show()
    {
        Tool.Result show = Tool.Run("scontrol", ["show", "job", "-o", Id], TimeSpan.FromSeconds(20));
        Match state = JobState().Match(show.Output);
        Match exit = ExitCodeField().Match(show.Output);
        return (state.Success ? state.Groups[1].Value : "UNKNOWN", exit.Success ? exit.Groups[1].Value : "?");
    }

    /// <summary>`sweep status --json` against the job's cluster, as a user on the login node would ask it.</summary>
    public Tool.Result Status(string campaign)
        => Tool.Run(
            "dotnet",
            [Repository.Built("Client", "sweep.dll"), "status", campaign, "--json", "--redis", $"127.0.0.1:{RedisPort}", "--redis-password-file", Path.Combine(WorkDir, "redis.password"), "--outage-seconds", "5"],
            TimeSpan.FromSeconds(60));

    private static readonly HashSet<int> Chosen = [];

    /// <summary>
    /// A loopback port free now, below the kernel's ephemeral range and not chosen before by this
    /// process. The job binds it up to a minute later (queued, then Redis first), and a port from
    /// the ephemeral range could meanwhile become some connection's source port: a silo once
    /// failed to start on "Address already in use" and the job stored nothing.
    /// </summary>
    private static int FreePort()
    {
        int ephemeralFrom = 32768;
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], out int first))
        {
            ephemeralFrom = first;
        }

        lock (Chosen)
        {
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                int port = Random.Shared.Next(10000, ephemeralFrom);
                if (Chosen.Contains(port))
                {
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                }
                catch (SocketException)
                {
                    continue;
                }

                Chosen.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port below {ephemeralFrom}");
    }

    [GeneratedRegex(@"\bJobState=(\S+)")]
    private static partial Regex JobState();

    [GeneratedRegex(@"\bExitCode=(\S+)")]
    private static partial Regex ExitCodeField();
}
