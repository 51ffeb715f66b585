using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Hosting.Local;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Interfaces;

namespace Sweep.Client;

/// <summary>
/// Entry point of the `sweep` command: parses with System.CommandLine (<see cref="SweepCommandTree"/>)
/// and runs the command. A bad command line is one line on stderr and exit code 2; `--help` and
/// the `[suggest]` completion directive are answered by the library.
/// </summary>
internal static class CommandLine
{
    public const int ExitUsage = ExitCodes.Usage;

    /// <summary>What `sweep run` returns when a signal stopped it: 128 + the signal's number, as shells report it.</summary>
    public const int ExitInterrupted = ExitCodes.Interrupted;

    /// <summary>
    /// After a stop signal, a command that has not ended by then is ended: a run stores what it
    /// computed and stops its silo well within this, and a command waiting on a terminal or a
    /// dead cluster must not outlive a scheduler's grace period (Slurm, docker stop and
    /// Kubernetes send SIGKILL 10 to 30 s after SIGTERM).
    /// </summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(12);

    public static int Run(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        int received = 0;
        void Stop(int signal)
        {
            if (Interlocked.CompareExchange(ref received, signal, 0) != 0)
            {
                return;
            }

            cancel.Cancel();
            _ = Task.Delay(StopLimit).ContinueWith(
                _ =>
                {
                    Console.Error.WriteLine($"{SweepCommandTree.Program}: still stopping {StopLimit.TotalSeconds:0} s after the signal; exiting (everything stored stays stored)");
                    Environment.Exit(128 + signal);
                },
                TaskScheduler.Default);
        }

        // Ctrl-C, SIGTERM (Slurm's preemption and time limit, docker stop, Kubernetes, systemd)
        // and SIGHUP (a closed terminal) stop the same way: dispatching stops, batches already
        // computed are stored, and a run exits with 128 + the signal and the resume hint.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Stop(2);
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            Stop(15);
        });
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c =>
        {
            c.Cancel = true;
            Stop(1);
        });
        int code = Run(args, Console.Out, Console.Error, Console.In, cancel.Token);
        return code == ExitInterrupted && received != 0 ? 128 + received : code;
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
        catch (Exception e) when (StoreFailure.Describe(e, StoreOf(parse, tree)) is { } failure)
        {
            // A failing disk or store is not a bug: one line naming the path and the cause;
            // the trace only on request.
            stderr.WriteLine($"{prefix}: {failure.Line}");
            if (parse.GetValue(tree.Verbose) || Environment.GetEnvironmentVariable("SWEEP_DEBUG") == "1")
            {
                stderr.WriteLine(e);
            }

            return failure.ExitCode;
        }
    }

    /// <summary>The local store the command worked on, to name it in a failure; null in cluster mode.</summary>
    private static string? StoreOf(ParseResult parse, SweepCommandTree tree)
    {
        try
        {
            TargetOptions target = tree.Targets.Read(parse);
            return target.Redis is null
                ? DataDirectory.Resolve(target.Data).DatabasePath
                : null;
        }
        catch (Exception e) when (e is UsageException or EnvironmentException or InvalidOperationException)
        {
            return null;
        }
    }
}
