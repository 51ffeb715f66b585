using System.CommandLine;
using System.CommandLine.Invocation;
using Sweep.Client.Cli;

namespace Sweep.Silo;

/// <summary>
/// The command line of `sweep-silo`, parsed with System.CommandLine: one option per setting of
/// <see cref="SiloSettingsReader.Settings"/>, so `--help` lists exactly what the reader knows.
/// Values stay text here; the reader layers them over the file and the environment and checks
/// them all the same way.
/// </summary>
internal static class SiloCommandLine
{
    public const string Program = "sweep-silo";

    /// <summary>
    /// The settings given on the command line, by setting name; or null after help was shown
    /// (exit code 0) or a problem reported as one line on stderr (exit code 2).
    /// </summary>
    public static IReadOnlyDictionary<string, string?>? Parse(string[] args, TextWriter stdout, TextWriter stderr, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        var options = SiloSettingsReader.Settings.ToDictionary(
            s => s.Name,
            s => new Option<string>("--" + s.Name) { HelpName = s.Value, Description = $"{s.Help} [{SiloSettingsReader.EnvironmentName(s.Name)}]" });
        var root = new RootCommand(
            "sweep-silo: one silo of a Sweep cluster (Orleans, with membership, state and reminders in Redis).\n" +
            $"Every option is also read from the environment (the name in brackets) and from {SiloSettingsReader.ConfigFile} in the working directory;\n" +
            "the command line wins over the environment, which wins over the file.\n" +
            $"The Redis password is read from {SiloSettingsReader.PasswordVariable} or --redis-password-file, never from the command line.\n" +
            $"Exit codes: 0 stopped, {SiloHost.ExitUsage} bad settings (including a missing or unusable password, certificate, key or CA file), {SiloHost.ExitRedisUnreachable} Redis unreachable, {SiloHost.ExitAuthentication} Redis refused the password or TLS with Redis failed.");
        foreach (Option<string> option in options.Values)
        {
            root.Options.Add(option);
        }

        root.SetAction(_ => 0);

        // Response files are off: a value starting with '@' is the value.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is not (null or ParseErrorAction) && parse.Action != root.Action)
        {
            exitCode = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
            return null;
        }

        if (ParseProblem.Describe(parse, args, Program, _ => $"{Program} --redis HOST:PORT [options]") is { } problem)
        {
            stderr.WriteLine($"{Program}: {problem}");
            exitCode = SiloHost.ExitUsage;
            return null;
        }

        exitCode = 0;
        return options
            .Where(o => parse.GetResult(o.Value) is { Implicit: false })
            .ToDictionary(o => o.Key, o => parse.GetValue(o.Value), StringComparer.Ordinal);
    }
}
