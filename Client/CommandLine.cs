using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using Sweep.Client.Cli;
using Sweep.Client.Hosting.Remote;

namespace Sweep.Client;

/// <summary>
/// Entry point of the `sweep` command: parses with System.CommandLine (<see cref="SweepCommandTree"/>)
/// and runs the command. A bad command line is one line on stderr and exit code 2; `--help` and
/// the `[suggest]` completion directive are answered by the library.
/// </summary>
internal static class CommandLine
{
    public const int ExitUsage = 2;

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
        ArgumentNullException.ThrowIfNull(args);
        var tree = new SweepCommandTree(stdout, stderr, stdin ?? TextReader.Null);
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Exceptions are turned into exit codes below, and Ctrl-C is handled by the caller.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        // `sweep` alone shows the help but is still a usage error; `sweep help [COMMAND]` is `--help`.
        bool bare = args.Length == 0;
        string[] effective = bare ? ["--help"] : args[0] == "help" ? [.. args[1..], "--help"] : args;

        // Response files are off: a path starting with '@' is a path.
        ParseResult parse = tree.Root.Parse(effective, new ParserConfiguration { ResponseFileTokenReplacer = null });
        Command command = parse.CommandResult.Command;
        string prefix = command == tree.Root ? SweepCommandTree.Program : $"{SweepCommandTree.Program} {command.Name}";
        bool libraryAnswers = parse.Action is not (null or ParseErrorAction) && parse.Action != command.Action
            || tree.Root.Directives.Any(d => d is SuggestDirective && parse.GetResult(d) is not null);
        if (!libraryAnswers && ParseProblem.Describe(parse, effective, SweepCommandTree.Program, tree.UsageOf) is { } problem)
        {
            stderr.WriteLine($"{prefix}: {problem}");
            return ExitUsage;
        }

        try
        {
            int code = parse.InvokeAsync(invocation, cancellationToken).GetAwaiter().GetResult();
            return bare ? ExitUsage : code;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"{prefix}: {e.Message}");
            return ExitUsage;
        }
        catch (ClusterUnavailableException e)
        {
            stderr.WriteLine($"{prefix}: {e.Message}");
            return ClusterUnavailableException.ExitCode;
        }
    }
}
