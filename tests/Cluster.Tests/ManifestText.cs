using System.Text.RegularExpressions;

namespace Sweep.Cluster.Tests;

/// <summary>
/// Just enough reading of the deploy YAML files for the tests: blocks by indentation and
/// "key: value" scalars. Not a YAML parser; the files are written to stay this simple.
/// </summary>
internal static partial class ManifestText
{
    /// <summary>The keys directly under <paramref name="parent"/> (a top-level key) with the lines of their blocks.</summary>
    public static Dictionary<string, string> Children(string yaml, string parent)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = yaml.Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimEnd() == parent + ":");
        if (start < 0)
        {
            return result;
        }

        string? current = null;
        var block = new List<string>();
        for (int i = start + 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            int indent = line.Length - line.TrimStart().Length;
            if (indent == 0)
            {
                break;
            }

            if (indent == 2 && line.TrimEnd().EndsWith(':'))
            {
                Flush();
                current = line.Trim().TrimEnd(':');
                continue;
            }

            block.Add(line);
        }

        Flush();
        return result;

        void Flush()
        {
            if (current is not null)
            {
                result[current] = string.Join('\n', block);
            }

            block.Clear();
        }
    }

    /// <summary>Every value of "key: value" in the text, unquoted.</summary>
    public static List<string> Values(string text, string key)
        => Regex.Matches(text, @"^\s*(?:-\s+)?" + Regex.Escape(key) + @":\s*(.+?)\s*$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value.Trim('"', '\''))
            .ToList();

    public static string Single(string text, string key)
        => Values(text, key) is [var only] ? only : throw new InvalidOperationException($"expected one '{key}:' in\n{text}");

    /// <summary>Environment variables as "NAME: value" (compose) or "- name: NAME / value: v" (Kubernetes); valueFrom gives null.</summary>
    public static Dictionary<string, string?> Environment(string text)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (Match m in ComposeVariable().Matches(text))
        {
            env[m.Groups[1].Value] = m.Groups[2].Value.Trim('"', '\'');
        }

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (KubernetesName().Match(lines[i]) is { Success: true } name)
            {
                string? value = i + 1 < lines.Length && Regex.Match(lines[i + 1], @"^\s*value:\s*(.+?)\s*$") is { Success: true } v
                    ? v.Groups[1].Value.Trim('"', '\'')
                    : null;
                env[name.Groups[1].Value] = value;
            }
        }

        return env;
    }

    /// <summary>The quoted items of every flow list ("[...]") after <paramref name="key"/>.</summary>
    public static List<string> FlowList(string text, string key)
        => Regex.Matches(text, @"^\s*" + Regex.Escape(key) + @":\s*\[(.*)\]\s*$", RegexOptions.Multiline)
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, "\"([^\"]*)\"").Select(i => i.Groups[1].Value))
            .ToList();

    [GeneratedRegex(@"^\s+(SWEEP_[A-Z_]+):\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ComposeVariable();

    [GeneratedRegex(@"^\s*-\s+name:\s*(SWEEP_[A-Z_]+)\s*$")]
    private static partial Regex KubernetesName();
}
