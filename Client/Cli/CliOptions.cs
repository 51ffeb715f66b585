using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sweep.Client.Cli;

/// <summary>
/// Builds the options of `sweep`: values are parsed with the invariant culture, and a value that
/// does not parse is reported as one line naming the option ("--slots: 'x' is not an integer").
/// A value option not given reads as null, so each command applies its own default and can
/// tell "not given" from "given".
/// </summary>
internal static class CliOptions
{
    public static Option<string> Text(string name, string helpName, string description)
        => new(name) { HelpName = helpName, Description = description };

    public static Option<int?> Integer(string name, string helpName, string description)
        => new(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = r => Convert<int>(r, name, "is not an integer", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null),
        };

    public static Option<ulong?> UnsignedInteger(string name, string helpName, string description)
        => new(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = r => Convert<ulong>(r, name, "is not an unsigned 64-bit integer", t => ulong.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v) ? v : null),
        };

    /// <summary>A finite number: NaN and infinities are refused here, so no command sees them.</summary>
    public static Option<double?> Number(string name, string helpName, string description)
        => new(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = r =>
            {
                double? v = Convert<double>(r, name, "is not a number", t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null);
                if (v is { } d && !double.IsFinite(d))
                {
                    r.AddError($"{name}: must be a finite number (got {r.Tokens[0].Value})");
                    return null;
                }

                return v;
            },
        };

    /// <summary>An option without a value: `--json`, never `--json true`.</summary>
    public static Option<bool> Flag(string name, string description)
        => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>True if the user wrote the option (not just its default).</summary>
    public static bool Given(this ParseResult parse, Option option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(option) is { Implicit: false };
    }

    private static T? Convert<T>(ArgumentResult result, string name, string problem, Func<string, T?> parse)
        where T : struct
    {
        // No value or several values are reported by ParseProblem, naming the option.
        if (result.Tokens.Count != 1)
        {
            return null;
        }

        string text = result.Tokens[0].Value;
        if (parse(text) is { } value)
        {
            return value;
        }

        result.AddError($"{name}: '{text}' {problem}");
        return null;
    }
}
