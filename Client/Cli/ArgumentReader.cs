using System.Globalization;

namespace Sweep.Client.Cli;

/// <summary>
/// A small strict parser for `--name value` and `--flag` options: every option must be known,
/// appear once, and parse completely, or a <see cref="UsageException"/> names it.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = new();
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public ArgumentReader(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        using IEnumerator<string> it = args.GetEnumerator();
        while (it.MoveNext())
        {
            string arg = it.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                _positionals.Add(arg);
                continue;
            }

            string name = arg;
            string? inline = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[..eq];
                inline = arg[(eq + 1)..];
            }

            if (_options.ContainsKey(name))
            {
                throw UsageException.ForOption(name, "given more than once");
            }

            if (flags.Contains(name))
            {
                if (inline is not null)
                {
                    throw UsageException.ForOption(name, "is a flag and takes no value");
                }

                _options[name] = null;
            }
            else if (valueOptions.Contains(name))
            {
                if (inline is null)
                {
                    if (!it.MoveNext())
                    {
                        throw UsageException.ForOption(name, "needs a value");
                    }

                    inline = it.Current;
                }

                _options[name] = inline;
            }
            else
            {
                throw UsageException.ForOption(name, "unknown option");
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? String(string name) => _options.TryGetValue(name, out string? v) ? v : null;

    public int Int(string name, int? fallback = null)
    {
        string? text = String(name);
        if (text is null)
        {
            return fallback ?? throw UsageException.ForOption(name, "is required");
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw UsageException.ForOption(name, $"'{text}' is not an integer");
    }

    public ulong UInt64(string name, ulong? fallback = null)
    {
        string? text = String(name);
        if (text is null)
        {
            return fallback ?? throw UsageException.ForOption(name, "is required");
        }

        return ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v)
            ? v
            : throw UsageException.ForOption(name, $"'{text}' is not an unsigned 64-bit integer");
    }

    public double Double(string name, double? fallback = null)
    {
        string? text = String(name);
        if (text is null)
        {
            return fallback ?? throw UsageException.ForOption(name, "is required");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            throw UsageException.ForOption(name, $"'{text}' is not a number");
        }

        return double.IsFinite(v) ? v : throw UsageException.ForOption(name, $"must be a finite number (got {text})");
    }
}
