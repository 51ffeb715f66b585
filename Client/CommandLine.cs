using Sweep.Client.Cli;
using Sweep.Client.Commands;
using Sweep.Client.Hosting.Remote;

namespace Sweep.Client;

/// <summary>Entry point of the `sweep` command: dispatches to a sub-command.</summary>
internal static class CommandLine
{
    private const string Help = """
        sweep: parameter sweeps of the disordered Ising spin dynamics (Glassy quantum dynamics of disordered Ising spins)

        commands:
          run     run a campaign spec in this process (embedded SQLite store); resumes and extends
                  sweep run campaigns/quick.json [--data DIR] [--slots K]
                  or submit it to a running cluster (see docs/cluster.md), optionally leaving at once:
                  sweep run campaigns/quick.json --redis HOST:PORT [--cluster-id ID] [--detach]
          estimate  size and wall time of a spec on this machine, before running
                  sweep estimate campaigns/fig2bc-small.json [--cores K]
          list    the campaigns in the data directory           sweep list [--data DIR]
          status  progress and failures (reads the store)       sweep status [CAMPAIGN] [--json]
          table   the Fig. 2(c) scaling table and point betas   sweep table CAMPAIGN [--format text|csv|json|md]
          export  curves, fits and tables as CSV and JSON       sweep export CAMPAIGN --out DIR
          report  the paper's figures, a page per point, index.html
                  sweep report CAMPAIGN --out DIR [--point d,alpha,x,N]
          cancel  stop a campaign (stored results stay)         sweep cancel CAMPAIGN
          delete  remove a campaign from the store              sweep delete CAMPAIGN [--yes]
                  list, status, table, export, report, cancel and delete work on a running cluster
                  instead with --redis HOST:PORT [--cluster-id ID] [--service-id ID] [--outage-seconds S]
                  (delete refuses a campaign that is running or has batches in flight)
          point   one grid point in this process: fits, errors, analytic limits
                  sweep point --d 3 --alpha 6 --x 1e-4 --n 100 --ns 200 --seed 1 [--json]
        """;

    public static int Run(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        // Ctrl-C stops cleanly: in-flight batches are dropped, everything stored stays stored.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return Run(args, Console.Out, Console.Error, Console.In, cancel.Token);
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.WriteLine(Help);
            return args.Length == 0 ? 2 : 0;
        }

        string command = args[0];
        var rest = args.Skip(1).ToArray();
        try
        {
            return command switch
            {
                "point" => PointCommand.Run(rest, stdout),
                "run" => RunCommand.RunAsync(rest, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                "estimate" => EstimateCommand.Run(rest, stdout, stderr),
                "list" => StoreCommands.ListAsync(rest, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                "status" => StoreCommands.StatusAsync(rest, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                "table" => StoreCommands.TableAsync(rest, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                "export" => ExportCommand.RunAsync(rest, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                "report" => ReportCommand.RunAsync(rest, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                "cancel" => CampaignControlCommands.CancelAsync(rest, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                "delete" => CampaignControlCommands.DeleteAsync(rest, stdin ?? TextReader.Null, stdout, stderr, cancellationToken).GetAwaiter().GetResult(),
                _ => throw new UsageException($"unknown command '{command}' (try: sweep help)"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"sweep {command}: {e.Message}");
            return 2;
        }
        catch (ClusterUnavailableException e)
        {
            stderr.WriteLine($"sweep {command}: {e.Message}");
            return ClusterUnavailableException.ExitCode;
        }
    }
}
