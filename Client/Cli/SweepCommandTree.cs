using System.CommandLine;
using Sweep.Campaigns;
using Sweep.Client.Commands;
using Sweep.Client.Output;
using Sweep.Physics.Kernel;

namespace Sweep.Client.Cli;

/// <summary>
/// Every command, argument and option of `sweep`, defined once: the parser, `--help` and the
/// usage lines of error messages are all generated from these definitions. Each action reads
/// its values and hands them to the command's code in Client/Commands, which checks ranges
/// and combinations and does the work.
/// </summary>
internal sealed class SweepCommandTree
{
    public const string Program = "sweep";

    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly TextReader _in;

    public SweepCommandTree(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        _out = stdout;
        _err = stderr;
        _in = stdin;
        Root = new RootCommand("sweep: parameter sweeps of the disordered Ising spin dynamics (Glassy quantum dynamics of disordered Ising spins).\n" +
            "Local mode runs a silo in this process on a SQLite store (--data); cluster mode talks to running silos (--redis HOST:PORT, docs/cluster.md).\n" +
            "Exit codes: 0 done, 1 points failed or nothing deleted, 2 bad input, 3 cancelled, 4 cluster unreachable, 5 store corrupt, 6 store or directory unusable, 7 disk full, 8 authentication (reserved), 9 verify: a batch computed again differs, 129/130/143 stopped by SIGHUP/Ctrl-C/SIGTERM (README: Exit codes).")
        {
            Run(),
            Estimate(),
            List(),
            Status(),
            Table(),
            Export(),
            Report(),
            Verify(),
            Cancel(),
            Delete(),
            Dashboard(),
            Point(),
        };
        Root.Options.Add(Verbose);
    }

    /// <summary>Global: an environment failure also prints its stack trace (as does SWEEP_DEBUG=1).</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "on a failure, also print the stack trace (also: SWEEP_DEBUG=1)", Arity = ArgumentArity.Zero, Recursive = true };

    public RootCommand Root { get; }

    public TargetOptionSet Targets { get; } = new();

    public string UsageOf(Command command) => CommandUsage.Of(command, Program, Targets);

    private static Argument<string> Campaign(string description = "the campaign's name (after -- if it starts with '-')")
        => new("CAMPAIGN") { Description = description };

    private static Argument<string> Spec()
        => new("SPEC") { Description = "the campaign spec, a JSON file (docs/campaign-spec.md)" };

    private Command Run()
    {
        var spec = Spec();
        var slots = CliOptions.Integer("--slots", "K", "local mode: batches computed at once, 1..1024 (default: one per core)");
        var memory = CliOptions.Text("--memory-per-slot", "SIZE", "local mode: memory each compute slot may use, such as 2GiB; a point whose batches need more fails (default: what this process may use, less 512 MiB, shared by the slots)");
        var progress = CliOptions.Number("--progress-seconds", "S", $"seconds between progress lines when output is not a terminal, at most {RunCommand.MaxProgressSeconds:F0} (default 10)");
        var detach = CliOptions.Flag("--detach", "with --redis: submit and leave at once; the campaign goes on in the cluster");
        var export = CliOptions.Text("--export", "DIR", "once the campaign has finished, export it into DIR as `sweep export --out DIR` does");
        var dashboard = CliOptions.Flag("--dashboard", $"serve the web dashboard on 127.0.0.1 while the run is followed (as `sweep dashboard`, read-only)");
        var dashboardPort = CliOptions.Integer("--dashboard-port", "P", $"with --dashboard: its TCP port, 0 for any free one (default {DashboardCommand.DefaultPort})");
        var metricsPort = CliOptions.Integer("--metrics-port", "P", "local mode: serve the in-process silo's Prometheus metrics at http://127.0.0.1:P/metrics (default: off)");
        var command = new Command("run", "run a campaign spec: in this process on the data directory (resumes and extends a stored campaign), or submitted to a cluster with --redis")
        {
            spec, slots, memory, progress, detach, export, dashboard, dashboardPort, metricsPort,
        };
        Targets.AddTo(command);
        command.SetAction((p, ct) => RunCommand.RunAsync(
            p.GetValue(spec)!,
            Targets.Read(p),
            p.GetValue(slots),
            p.GetValue(progress),
            p.GetValue(detach),
            p.GetValue(export),
            p.GetValue(dashboard) || p.GetValue(dashboardPort) is not null ? new DashboardOptions(p.GetValue(dashboardPort), null, AllowControl: false) : null,
            p.GetValue(metricsPort),
            _out,
            _err,
            ct,
            p.GetValue(memory)));
        return command;
    }

    private Command Estimate()
    {
        var spec = Spec();
        var cores = CliOptions.Integer("--cores", "K", "cores the estimate assumes (default: this machine's)");
        var calibration = CliOptions.Number("--calibration-seconds", "S", "seconds spent timing the kernel, more than 0 and at most 60 (default 2)");
        var slots = CliOptions.Integer("--slots", "K", $"also the load on a cluster's Redis and dispatcher with K busy compute slots, 1..{EstimateCommand.MaxSlots}, and the batchSize that keeps Redis under 100 MB/s");
        var command = new Command("estimate", "the size and wall time of a spec on this machine, before running it") { spec, cores, calibration, slots };
        command.SetAction(p => EstimateCommand.Run(p.GetValue(spec)!, p.GetValue(cores), p.GetValue(calibration), _out, _err, p.GetValue(slots)));
        return command;
    }

    private Command List()
    {
        var command = new Command("list", "the campaigns in the data directory or cluster, with their progress");
        Targets.AddTo(command);
        command.SetAction((p, ct) => StoreCommands.ListAsync(Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Status()
    {
        var campaign = new Argument<string?>("CAMPAIGN") { Description = "one campaign (default: every campaign); after -- if it starts with '-'", Arity = ArgumentArity.ZeroOrOne };
        var json = CliOptions.Flag("--json", "a JSON array, one object per campaign, instead of text");
        var command = new Command("status", "progress, failures and when a campaign finished (UTC)") { campaign, json };
        Targets.AddTo(command);
        command.SetAction((p, ct) => StoreCommands.StatusAsync(p.GetValue(campaign), p.GetValue(json), Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Table()
    {
        var campaign = Campaign();
        var format = CliOptions.Text("--format", "FORMAT", $"one of {string.Join(", ", TableWriter.Formats)} (default text)");
        format.CompletionSources.Add(TableWriter.Formats);
        var command = new Command("table", "the Fig. 2(c) scaling table and every point's fitted betas") { campaign, format };
        Targets.AddTo(command);
        command.SetAction((p, ct) => StoreCommands.TableAsync(p.GetValue(campaign)!, p.GetValue(format), Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Export()
    {
        var campaign = Campaign();
        var outDir = CliOptions.Text("--out", "DIR", "the directory to write into (created if missing)");
        outDir.Required = true;
        var force = CliOptions.Flag("--force", "write into --out even if it is not empty and an earlier export did not make it");
        var command = new Command("export", "every finished point's curves and fits, the fit table and the scaling tables, as CSV and JSON") { campaign, outDir, force };
        Targets.AddTo(command);
        command.SetAction((p, ct) => ExportCommand.RunAsync(p.GetValue(campaign)!, p.GetValue(outDir)!, p.GetValue(force), Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Report()
    {
        var campaign = Campaign();
        var outDir = CliOptions.Text("--out", "DIR", "the directory to write the report into (open DIR/index.html)");
        outDir.Required = true;
        var point = CliOptions.Text("--point", "d,alpha,x,N", "the point Fig. 1 is drawn for, e.g. 3,6,1e-4,1300 (default: the paper's choice)");
        var force = CliOptions.Flag("--force", "write into --out even if it is not empty and an earlier report did not make it");
        var command = new Command("report", "the paper's figures (PNG with CSV and JSON beside), a page per point and an index.html") { campaign, outDir, point, force };
        Targets.AddTo(command);
        command.SetAction((p, ct) => ReportCommand.RunAsync(p.GetValue(campaign)!, p.GetValue(outDir)!, p.GetValue(point), p.GetValue(force), Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Verify()
    {
        var campaign = Campaign();
        var sample = CliOptions.Integer("--sample", "K", $"stored batches computed again and compared bit for bit, 0..{VerifyCommand.MaxSample}, chosen evenly in grid order (default {VerifyCommand.DefaultSample})");
        var repair = CliOptions.Flag("--repair", "compute corrupt or missing batches again and store them; rebuild corrupt point states from their batches");
        var command = new Command("verify", "re-prove a campaign's stored results: SQLite's integrity check, every checksum, a sample computed again (exit 0 clean or repaired, 5 corruption left, 9 a sample differs)") { campaign, sample, repair };
        Targets.AddTo(command);
        command.SetAction((p, ct) => VerifyCommand.RunAsync(p.GetValue(campaign)!, p.GetValue(sample), p.GetValue(repair), Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Cancel()
    {
        var campaign = Campaign();
        var command = new Command("cancel", "stop a campaign; stored results stay, and `sweep run` with its spec resumes it") { campaign };
        Targets.AddTo(command);
        command.SetAction((p, ct) => CampaignControlCommands.CancelAsync(p.GetValue(campaign)!, Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Delete()
    {
        var campaign = Campaign();
        var yes = CliOptions.Flag("--yes", "delete without asking");
        var command = new Command("delete", "remove a campaign and all its stored batches (a cluster refuses while it runs: cancel it first)") { campaign, yes };
        Targets.AddTo(command);
        command.SetAction((p, ct) => CampaignControlCommands.DeleteAsync(p.GetValue(campaign)!, p.GetValue(yes), Targets.Read(p), _in, _out, _err, ct));
        return command;
    }

    private Command Dashboard()
    {
        var port = CliOptions.Integer("--port", "P", $"TCP port, 0 for any free one (default {DashboardCommand.DefaultPort})");
        var listen = CliOptions.Text("--listen", "ADDR", "IP address to bind (default 127.0.0.1; any other address opens the dashboard to whoever can reach it)");
        var control = CliOptions.Flag("--allow-control", "offer cancel; a cancel must carry the token printed at start (default: read-only)");
        var command = new Command("dashboard", "serve a web dashboard of the campaigns (progress, ETA, failures, live figures, point pages) until Ctrl-C") { port, listen, control };
        Targets.AddTo(command);
        command.SetAction((p, ct) => DashboardCommand.RunAsync(new DashboardOptions(p.GetValue(port), p.GetValue(listen), p.GetValue(control)), Targets.Read(p), _out, _err, ct));
        return command;
    }

    private Command Point()
    {
        Option<int?> Required(Option<int?> o)
        {
            o.Required = true;
            return o;
        }

        Option<double?> RequiredNumber(Option<double?> o)
        {
            o.Required = true;
            return o;
        }

        var d = Required(CliOptions.Integer("--d", "D", "dimension d: 1, 2 or 3"));
        var alpha = RequiredNumber(CliOptions.Number("--alpha", "A", "interaction exponent: J_ij = C / r_ij^alpha (C = 1, r0 = 1), at least d"));
        var x = RequiredNumber(CliOptions.Number("--x", "X", "exclusion parameter x = N r_b^d / r0^d of random sequential adsorption: positive, below RSA jamming"));
        var n = Required(CliOptions.Integer("--n", "N", "number of spins, at least 2"));
        var ns = Required(CliOptions.Integer("--ns", "NS", $"number of random realizations, 1..{PointCommand.FixedPointLimit}"));
        var seed = CliOptions.UnsignedInteger("--seed", "S", "master seed; the same seed gives the same bits as a campaign's point (default 1)");
        var timeUnit = CliOptions.Text("--time-unit", "UNIT", "common (t = J_NN,inf tau, default) or per-realization (t = J_NN tau)");
        timeUnit.CompletionSources.Add("common", "per-realization");
        var tPoints = CliOptions.Integer("--t-points", "T", $"time points of the grid, 2..{SpecLimits.MaxTimePoints} (default 200)");
        var threads = CliOptions.Integer("--threads", "K", $"threads, 1..{PointCommand.MaxThreads} (default: all cores)");
        var kernel = CliOptions.Text("--kernel", "KERNEL", "exact or accelerated, as the spec's kernel name (default: accelerated version 5 at 1e-10, as a spec without kernel); accelerated:TOL is --kernel accelerated --tolerance TOL");
        kernel.CompletionSources.Add(SpinKernelChoice.Names.ToArray());
        var tolerance = CliOptions.Number("--tolerance", "TOL", "with --kernel accelerated: the absolute error bound on mag and pur (default 1e-10)");
        var kernelVersion = CliOptions.Integer("--kernel-version", "V", "with --kernel accelerated: its version, 1 to 5 (default 1, as in the spec; versions 2 to 5 compute from 8192 spins on in O(N) memory, 3 to 5 about twice as fast; 4 and 5 take the series from 17 spins on; 5 gives each far pair only the series orders it needs)");
        var json = CliOptions.Flag("--json", "one JSON object; non-finite numbers are null");
        var command = new Command("point", "one grid point in this process on all cores: fits, jackknife errors, analytic limits")
        {
            d, alpha, x, n, ns, seed, timeUnit, tPoints, threads, kernel, tolerance, kernelVersion, json,
        };
        command.SetAction(p => PointCommand.Run(
            new PointArguments(p.GetValue(d)!.Value, p.GetValue(alpha)!.Value, p.GetValue(x)!.Value, p.GetValue(n)!.Value, p.GetValue(ns)!.Value, p.GetValue(seed), p.GetValue(timeUnit), p.GetValue(tPoints), p.GetValue(threads), p.GetValue(kernel), p.GetValue(tolerance), p.GetValue(kernelVersion), p.GetValue(json)),
            _out));
        return command;
    }
}
