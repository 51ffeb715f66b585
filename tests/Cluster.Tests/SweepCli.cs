using System.Globalization;
using Sweep.Client;

namespace Sweep.Cluster.Tests;

/// <summary>
/// The `sweep` command line: in this process (as the tests' own client) or in a sweep-client
/// container on the host network (as a user on another machine would run it).
/// </summary>
internal static class SweepCli
{
    public sealed record Result(int Code, string Out, string Err)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"exit {Code}; stdout: {Out}; stderr: {Err}");
    }

    public static Result Run(params string[] args) => Run(CancellationToken.None, args);

    public static Result Run(CancellationToken cancellationToken, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e, TextReader.Null, cancellationToken);
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>Runs the sweep-client image once; <paramref name="specDirectory"/> is mounted read-only on /campaigns.</summary>
    public static Result InContainer(string specDirectory, TimeSpan timeout, params string[] args)
        => InContainer(specDirectory, timeout, new Dictionary<string, string>(), args);

    /// <param name="environment">Passed into the container by name (`-e NAME`), so no value appears on a command line.</param>
    public static Result InContainer(string specDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        DockerCli.Result r = DockerCli.Run(
            timeout,
            environment,
            ["run", "--rm", "--network", "host", "--label", "org.testcontainers=true", "-v", $"{specDirectory}:/campaigns:ro", .. environment.Keys.SelectMany(k => new[] { "-e", k }), "sweep-client", .. args]);
        return new Result(r.ExitCode, r.Output, r.Error);
    }

    /// <summary>A directory holding the test specs as cluster-test.json and cluster-long.json.</summary>
    public static string SpecDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sweep-cluster-spec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, Specs.Name + ".json"), Specs.Small);
        File.WriteAllText(Path.Combine(dir, Specs.LongName + ".json"), Specs.Long);
        return dir;
    }
}
