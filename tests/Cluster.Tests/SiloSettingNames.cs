using System.Text.RegularExpressions;

namespace Sweep.Cluster.Tests;

/// <summary>
/// The environment variables the silo reads, taken from its source (SiloSettingsReader is
/// internal to the Silo, and referencing the Silo would cost a build): each setting name there
/// becomes SWEEP_ plus the name in upper case with '_' for '-', as its EnvironmentName does.
/// </summary>
internal static partial class SiloSettingNames
{
    public static IReadOnlySet<string> EnvironmentNames { get; } = Load();

    private static HashSet<string> Load()
    {
        string source = RepositoryFiles.Read("Silo/SiloSettingsReader.cs");
        var names = SettingPattern().Matches(source)
            .Select(m => "SWEEP_" + m.Groups[1].Value.Replace('-', '_').ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return names.Contains("SWEEP_REDIS")
            ? names
            : throw new InvalidOperationException("could not find the silo's settings in Silo/SiloSettingsReader.cs");
    }

    [GeneratedRegex(@"^\s*\(""([a-z-]+)"",\s*\$?""", RegexOptions.Multiline)]
    private static partial Regex SettingPattern();
}
