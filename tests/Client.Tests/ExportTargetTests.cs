using Sweep.Client;

namespace Sweep.Client.Tests;

/// <summary>
/// `export --out` and `report --out` never write over a user's files: an empty or file
/// target is refused before anything is read or written, a foreign non-empty directory needs
/// --force, and a directory an earlier export made is refreshed.
/// </summary>
public sealed class ExportTargetTests : IDisposable
{
    private const string Spec = """
        {
          "name": "export-target", "seed": 4, "timePoints": 30, "batchSize": 8,
          "blocks": [ { "d": 1, "alpha": [2], "x": [0.01], "N": [6], "Ns": 8, "observables": ["mag", "pur"] } ]
        }
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-export-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Data => Path.Combine(_dir.FullName, "data");

    private static (int Code, string Out, string Err) Sweep(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private void RunCampaign()
    {
        string spec = Path.Combine(_dir.FullName, "spec.json");
        File.WriteAllText(spec, Spec);
        var run = Sweep("run", spec, "--data", Data, "--slots", "1");
        Assert.True(run.Code == 0, run.Err + run.Out);
    }

    private static string[] Listing(string dir)
        => Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("export")]
    [InlineData("report")]
    public void An_empty_out_is_refused_and_touches_nothing(string command)
    {
        RunCampaign();
        string[] before = Listing(Environment.CurrentDirectory);
        var result = Sweep(command, "export-target", "--data", Data, "--out", string.Empty);
        Assert.Equal(2, result.Code);
        Assert.Equal($"sweep {command}: --out: is empty; name the directory to write into", result.Err.Trim());
        Assert.Equal(before, Listing(Environment.CurrentDirectory));
    }

    [Fact]
    public void A_file_or_a_foreign_directory_is_refused_and_force_writes_into_it()
    {
        RunCampaign();
        string file = Path.Combine(_dir.FullName, "notes.txt");
        File.WriteAllText(file, "mine");
        var onFile = Sweep("export", "export-target", "--data", Data, "--out", file);
        Assert.Equal(2, onFile.Code);
        Assert.Contains("is a file", onFile.Err, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(file));

        string foreign = Path.Combine(_dir.FullName, "papers");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "table.csv"), "my own table");
        var refused = Sweep("export", "export-target", "--data", Data, "--out", foreign);
        Assert.Equal(2, refused.Code);
        Assert.Contains("--force", refused.Err, StringComparison.Ordinal);
        Assert.Equal("my own table", File.ReadAllText(Path.Combine(foreign, "table.csv")));

        var forced = Sweep("export", "export-target", "--data", Data, "--out", foreign, "--force");
        Assert.True(forced.Code == 0, forced.Err);
        Assert.StartsWith("table,d,alpha,", File.ReadAllText(Path.Combine(foreign, "table.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_an_earlier_export_made_is_refreshed_without_force_and_no_temporary_file_is_left()
    {
        RunCampaign();
        string out1 = Path.Combine(_dir.FullName, "export");
        Assert.Equal(0, Sweep("export", "export-target", "--data", Data, "--out", out1).Code);
        string[] first = Listing(out1);
        var again = Sweep("export", "export-target", "--data", Data, "--out", out1);
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(first, Listing(out1));
        Assert.DoesNotContain(first, f => f.EndsWith(".tmp", StringComparison.Ordinal));

        // A report into an export's directory is still someone else's directory.
        Assert.Equal(2, Sweep("report", "export-target", "--data", Data, "--out", out1).Code);
    }

    [Fact]
    public void Run_with_export_writes_what_export_writes_and_a_bad_export_fails_before_computing()
    {
        string spec = Path.Combine(_dir.FullName, "spec.json");
        File.WriteAllText(spec, Spec);
        string file = Path.Combine(_dir.FullName, "notes.txt");
        File.WriteAllText(file, "mine");
        var refused = Sweep("run", spec, "--data", Data, "--slots", "1", "--export", file);
        Assert.Equal(2, refused.Code);
        Assert.Equal($"sweep run: --export: {file} is a file; name a directory", refused.Err.Trim());
        Assert.False(Directory.Exists(Data), "a refused --export must not start the campaign");

        string runExport = Path.Combine(_dir.FullName, "run-export");
        var run = Sweep("run", spec, "--data", Data, "--slots", "1", "--export", runExport);
        Assert.True(run.Code == 0, run.Err + run.Out);
        string export = Path.Combine(_dir.FullName, "export");
        Assert.Equal(0, Sweep("export", "export-target", "--data", Data, "--out", export).Code);
        string[] files = [.. Listing(export).Select(f => Path.GetRelativePath(export, f))];
        Assert.Equal(files, Listing(runExport).Select(f => Path.GetRelativePath(runExport, f)));
        foreach (string f in files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(export, f)), File.ReadAllText(Path.Combine(runExport, f)));
        }
    }
}
