namespace Sweep.Slurm.Tests;

/// <summary>The same spec run by `sweep run` in local mode and exported: what a Slurm job must equal, bit for bit.</summary>
internal static class LocalRun
{
    public static string Export(string specPath)
    {
        string data = Scratch.Directory("local-data");
        string results = Path.Combine(Scratch.Directory("local"), "results");
        Tool.Result run = Tool.Run(
            "dotnet",
            [Repository.Built("Client", "sweep.dll"), "run", specPath, "--data", data, "--export", results],
            TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"local sweep run failed ({run.ExitCode}): {run.Error}\n{run.Output}");
        return results;
    }

    /// <summary>Every CSV of two exports (scaling table, fits, each point's curves) is byte for byte the same.</summary>
    public static void AssertSameCsv(string expected, string actual)
    {
        string[] Files(string root) => [.. Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
        string[] names = Files(expected);
        Assert.NotEmpty(names);
        Assert.Equal(names, Files(actual));
        foreach (string name in names)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))),
                $"{name} differs between the local run and the Slurm job");
        }
    }
}
