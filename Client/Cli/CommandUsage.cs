using System.CommandLine;
using Sweep.Client.Hosting;

namespace Sweep.Client.Cli;

/// <summary>
/// The one-line usage of a command, generated from its definition (arguments, then its own
/// options, then the target options as one group), for the "usage:" of an error line.
/// </summary>
internal static class CommandUsage
{
    public static string Of(Command command, string program, TargetOptionSet targets)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(targets);
        var parts = new List<string> { command.Parents.Any() ? $"{program} {command.Name}" : program };
        if (command.Subcommands.Count > 0)
        {
            parts.Add("COMMAND");
        }

        foreach (Argument argument in command.Arguments)
        {
            string name = argument.HelpName ?? argument.Name;
            parts.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{name}]" : name);
        }

        var targetOptions = targets.All.ToHashSet();
        foreach (Option option in command.Options.Where(o => !o.Hidden && !targetOptions.Contains(o)))
        {
            string text = option.Arity.MaximumNumberOfValues == 0 ? option.Name : $"{option.Name} {option.HelpName ?? "VALUE"}";
            parts.Add(option.Required ? text : $"[{text}]");
        }

        if (command.Options.Any(targetOptions.Contains))
        {
            parts.Add(TargetOptions.Usage);
        }

        return string.Join(' ', parts);
    }
}
