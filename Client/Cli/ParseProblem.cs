using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sweep.Client.Cli;

/// <summary>
/// Turns what System.CommandLine found wrong with a command line into one line that names the
/// option or argument and the reason, with a "did you mean" for a mistyped name, instead of the
/// library's multi-line listing. Only the first problem is told: fixing it may change the rest.
/// </summary>
internal static class ParseProblem
{
    /// <summary>The first problem, or null if the command line is fine.</summary>
    public static string? Describe(ParseResult parse, IReadOnlyList<string> args, string program, Func<Command, string> usage)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(usage);
        Command command = parse.CommandResult.Command;
        bool isRoot = !command.Parents.Any();

        if (UnknownOrMisusedOption(command, args, program) is { } optionProblem)
        {
            return optionProblem;
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            if (isRoot && command.Subcommands.Count > 0)
            {
                string? near = Suggestion.Closest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                return $"unknown command '{token}'{(near is null ? string.Empty : $" (did you mean '{near}'?)")}; see {program} --help";
            }

            return $"unexpected argument '{token}'; usage: {usage(command)}";
        }

        foreach (OptionResult given in parse.CommandResult.Children.OfType<OptionResult>().Where(r => !r.Implicit))
        {
            if (given.IdentifierTokenCount > 1)
            {
                return $"{given.Option.Name}: given more than once";
            }

            if (given.Option.Arity.MinimumNumberOfValues > 0 && given.Tokens.Count == 0)
            {
                return $"{given.Option.Name}: needs a value";
            }
        }

        foreach (Option option in command.Options.Where(o => o.Required && parse.GetResult(o) is not { Implicit: false }))
        {
            return $"{option.Name}: is required";
        }

        if (parse.Errors.Count == 0)
        {
            return null;
        }

        // Values that do not parse were reported by CliOptions in this form already.
        if (parse.Errors.FirstOrDefault(e => e.Message.StartsWith('-')) is { } named)
        {
            return named.Message;
        }

        if (isRoot && parse.Errors.Any(e => e.SymbolResult is CommandResult))
        {
            return $"no command given; see {program} --help";
        }

        return parse.Errors.Any(e => e.SymbolResult is ArgumentResult { Argument: var a } && command.Arguments.Contains(a) || e.SymbolResult is CommandResult)
            ? $"usage: {usage(command)}"
            : parse.Errors[0].Message;
    }

    /// <summary>
    /// Options are checked on the raw arguments, up to `--`: an unknown `--name` would otherwise
    /// be taken for a campaign or spec argument, and `--flag=value` would lose its value.
    /// </summary>
    private static string? UnknownOrMisusedOption(Command command, IReadOnlyList<string> args, string program)
    {
        var known = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (Option option in OptionsOf(command))
        {
            foreach (string name in option.Aliases.Prepend(option.Name))
            {
                known.TryAdd(name, option);
            }
        }

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                return null;
            }

            if (arg.Length < 2 || arg[0] != '-' || double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            string name = eq > 0 ? arg[..eq] : arg;
            if (!known.TryGetValue(name, out Option? option))
            {
                string? near = Suggestion.Closest(name, known.Keys.Where(k => k.StartsWith("--", StringComparison.Ordinal)));
                return $"{name}: unknown option{(near is null ? string.Empty : $" (did you mean {near}?)")}; see {CommandPath(command, program)} --help";
            }

            if (option.Arity.MaximumNumberOfValues == 0)
            {
                if (eq > 0)
                {
                    return $"{name}: is a flag and takes no value";
                }
            }
            else if (eq < 0)
            {
                i++;
            }
        }

        return null;
    }

    private static IEnumerable<Option> OptionsOf(Command command)
    {
        foreach (Option option in command.Options)
        {
            yield return option;
        }

        for (Command? parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (Option option in parent.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }

    /// <summary>"sweep run" for a sub-command; the program's own name for the root, whatever the executable is called.</summary>
    private static string CommandPath(Command command, string program)
        => command.Parents.Any() ? $"{program} {command.Name}" : program;
}
