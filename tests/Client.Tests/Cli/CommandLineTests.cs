using System.Diagnostics;
using Sweep.Client.Tests.Run;

namespace Sweep.Client.Tests.Cli;

/// <summary>
/// The command line as users meet it: generated help per command, `--` before names that look
/// like options, no response files, exit code 2 with one line for every usage error, and a
/// suggestion for a typo.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-cmdline-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Code, string Out, string Err) Sweep(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e, TextReader.Null);
        return (code, o.ToString(), e.ToString());
    }

    private const string Targets = "--data,--redis,--cluster-id,--service-id,--outage-seconds";

    [Theory]
    [InlineData("run", "--slots,--progress-seconds,--detach," + Targets)]
    [InlineData("estimate", "--cores,--calibration-seconds,--slots")]
    [InlineData("list", Targets)]
    [InlineData("status", "--json," + Targets)]
    [InlineData("table", "--format," + Targets)]
    [InlineData("export", "--out," + Targets)]
    [InlineData("report", "--out,--point," + Targets)]
    [InlineData("cancel", Targets)]
    [InlineData("delete", "--yes," + Targets)]
    [InlineData("point", "--d,--alpha,--x,--n,--ns,--seed,--time-unit,--t-points,--threads,--kernel,--tolerance,--kernel-version,--json")]
    public void EachCommandsHelpListsItsOwnOptions(string command, string options)
    {
        foreach (string[] args in new[] { new[] { command, "--help" }, ["help", command], [command, "-h"] })
        {
            var (code, stdout, stderr) = Sweep(args);
            Assert.Equal(0, code);
            Assert.Equal(string.Empty, stderr);
            Assert.Contains($" {command} ", stdout, StringComparison.Ordinal);
            foreach (string option in options.Split(','))
            {
                Assert.Matches($@"(?m)^\s+{option}( <[^>]+>)?( \(REQUIRED\))?\s{{2,}}\S", stdout);
            }
        }
    }

    [Fact]
    public void TheTopLevelHelpListsEveryCommandAndBareSweepIsAUsageError()
    {
        var help = Sweep("--help");
        Assert.Equal(0, help.Code);
        foreach (string command in new[] { "run", "estimate", "list", "status", "table", "export", "report", "cancel", "delete", "point" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", help.Out);
        }

        var bare = Sweep();
        Assert.Equal(2, bare.Code);
        Assert.Equal(help.Out, bare.Out);
    }

    [Theory]
    [InlineData(new[] { "ru", "x.json" }, "sweep: unknown command 'ru' (did you mean 'run'?); see sweep --help")]
    [InlineData(new[] { "stauts" }, "sweep: unknown command 'stauts' (did you mean 'status'?); see sweep --help")]
    [InlineData(new[] { "run", "x.json", "--slot", "2" }, "sweep run: --slot: unknown option (did you mean --slots?); see sweep run --help")]
    [InlineData(new[] { "status", "--jsn" }, "sweep status: --jsn: unknown option (did you mean --json?); see sweep status --help")]
    [InlineData(new[] { "point", "--alhpa", "6" }, "sweep point: --alhpa: unknown option (did you mean --alpha?); see sweep point --help")]
    [InlineData(new[] { "status", "--bogus" }, "sweep status: --bogus: unknown option; see sweep status --help")]
    public void ATypoGetsOneLineWithASuggestionAndExitCode2(string[] args, string expected)
    {
        var (code, stdout, stderr) = Sweep(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(expected, stderr.TrimEnd('\n', '\r'));
    }

    [Theory]
    [InlineData(new[] { "run", "x.json", "--slots", "0" }, "sweep run: --slots: must be between 1 and 1024 (got 0)")]
    [InlineData(new[] { "run", "x.json", "--slots", "1", "--slots", "2" }, "sweep run: --slots: given more than once")]
    [InlineData(new[] { "run", "x.json", "--slots" }, "sweep run: --slots: needs a value")]
    [InlineData(new[] { "run", "x.json", "--slots", "two" }, "sweep run: --slots: 'two' is not an integer")]
    [InlineData(new[] { "run", "x.json", "--progress-seconds", "Infinity" }, "sweep run: --progress-seconds: must be a finite number (got Infinity)")]
    [InlineData(new[] { "run", "x.json", "--progress-seconds", "1e308" }, "sweep run: --progress-seconds: must be more than 0 and at most 86400 s, a day (got 1E+308)")]
    [InlineData(new[] { "run", "x.json", "--progress-seconds", "86401" }, "sweep run: --progress-seconds: must be more than 0 and at most 86400 s, a day (got 86401)")]
    [InlineData(new[] { "run", "x.json", "--slots", "2", "--redis", "127.0.0.1:6379" }, "sweep run: --slots: is set on each silo in cluster mode (sweep-silo --slots)")]
    [InlineData(new[] { "run", "x.json", "--detach" }, "sweep run: --detach: needs --redis: a local campaign runs in this process")]
    [InlineData(new[] { "run" }, "sweep run: usage: sweep run SPEC [--slots K] [--memory-per-slot SIZE] [--progress-seconds S] [--detach] [--export DIR] [--dashboard] [--dashboard-port P] [--metrics-port P] [--data DIR | --redis HOST:PORT [--cluster-id ID] [--service-id ID] [--outage-seconds S]]")]
    [InlineData(new[] { "status", "--json=yes" }, "sweep status: --json: is a flag and takes no value")]
    [InlineData(new[] { "status", "a", "b" }, "sweep status: unexpected argument 'b'; usage: sweep status [CAMPAIGN] [--json] [--data DIR | --redis HOST:PORT [--cluster-id ID] [--service-id ID] [--outage-seconds S]]")]
    [InlineData(new[] { "export", "c" }, "sweep export: --out: is required")]
    [InlineData(new[] { "point", "--d", "3" }, "sweep point: --alpha: is required")]
    [InlineData(new[] { "estimate", "x.json", "--calibration-seconds", "0" }, "sweep estimate: --calibration-seconds: must be more than 0 and at most 60 (got 0)")]
    [InlineData(new[] { "table", "c", "--format", "xml" }, "sweep table: --format: must be one of text, csv, json, md (got 'xml')")]
    public void UsageErrorsAreOneLineNamingTheOptionWithExitCode2(string[] args, string expected)
    {
        var (code, stdout, stderr) = Sweep(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(expected, stderr.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void DoubleDashAddressesCampaignsNamedLikeOptions()
    {
        string data = Path.Combine(_dir.FullName, "data");
        foreach (string name in new[] { "--yes", "-x" })
        {
            string spec = Path.Combine(_dir.FullName, $"spec{name}.json");
            File.WriteAllText(spec, $$"""
                { "name": "{{name}}", "seed": 1, "timePoints": 20, "batchSize": 4,
                  "blocks": [ { "d": 1, "alpha": [2], "x": [0.01], "N": [4], "Ns": 4, "observables": ["mag"] } ] }
                """);
            var run = Sweep("run", spec, "--data", data, "--slots", "1");
            Assert.True(run.Code == 0, run.Err + run.Out);
        }

        // Without `--` the name is read as an option, and refused as one.
        var unknown = Sweep("status", "-x", "--data", data);
        Assert.Equal(2, unknown.Code);
        Assert.StartsWith("sweep status: -x: unknown option", unknown.Err, StringComparison.Ordinal);

        var status = Sweep("status", "--data", data, "--", "-x");
        Assert.True(status.Code == 0, status.Err);
        Assert.StartsWith("campaign -x: finished", status.Out, StringComparison.Ordinal);

        // `--yes` before `--` is the flag, after it the campaign.
        var deleted = Sweep("delete", "--yes", "--data", data, "--", "--yes");
        Assert.True(deleted.Code == 0, deleted.Err);
        Assert.StartsWith("deleted campaign '--yes'", deleted.Out, StringComparison.Ordinal);
        var list = Sweep("list", "--data", data);
        Assert.DoesNotContain("--yes", list.Out, StringComparison.Ordinal);
        Assert.Contains("-x", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void APathStartingWithAtIsAPathNotAResponseFile()
    {
        // A missing one is reported as a missing spec file, by its own name.
        var missing = Sweep("estimate", "@missing-spec.json");
        Assert.Equal(2, missing.Code);
        Assert.Contains("spec file not found: ", missing.Err, StringComparison.Ordinal);
        Assert.Contains("@missing-spec.json", missing.Err, StringComparison.Ordinal);

        // An existing one is read as the spec (in a child process, to give it a working directory).
        File.WriteAllText(Path.Combine(_dir.FullName, "@spec.json"), """
            { "name": "at-spec", "seed": 1, "timePoints": 20,
              "blocks": [ { "d": 1, "alpha": [2], "x": [0.01], "N": [4], "Ns": 2, "observables": ["mag"] } ] }
            """);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { SweepDll.Path, "estimate", "@spec.json", "--cores", "1", "--calibration-seconds", "0.05" })
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("campaign 'at-spec' (@spec.json)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSuggestDirectiveCompletesCommandsAndOptions()
    {
        var commands = Sweep("[suggest:8]", "sweep st");
        Assert.Equal(0, commands.Code);
        Assert.Contains("status", commands.Out.Split('\n', StringSplitOptions.TrimEntries));

        var options = Sweep("[suggest:14]", "sweep run --sl");
        Assert.Equal(["--slots"], options.Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }
}
