using Sweep.Client.Cli;
using Sweep.Client.Commands;

namespace Sweep.Client;

/// <summary>Entry point of the `sweep` command: dispatches to a sub-command.</summary>
internal static class CommandLine
{
    private const string Help = """
        sweep: parameter sweeps of the disordered Ising spin dynamics (Glassy quantum dynamics of disordered Ising spins)

        commands:
          point   one grid point in this process: fits, errors, analytic limits
                  sweep point --d 3 --alpha 6 --x 1e-4 --n 100 --ns 200 --seed 1 [--json]
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
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
                _ => throw new UsageException($"unknown command '{command}' (try: sweep help)"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"sweep {command}: {e.Message}");
            return 2;
        }
    }
}
