using Sweep.Client;

namespace Sweep.Client.Tests;

/// <summary>`sweep cancel` of a campaign that has finished says so and changes nothing.</summary>
public sealed class CancelFinishedTests : IDisposable
{
    private const string Spec = """
        { "name": "done", "seed": 7, "timePoints": 20, "batchSize": 8,
          "blocks": [ { "d": 1, "alpha": [3], "x": [0.01], "N": [6], "Ns": 16, "observables": ["mag"] } ] }
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-cancel-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void CancellingAFinishedCampaignLeavesItFinished()
    {
        string spec = Path.Combine(_dir.FullName, "spec.json");
        string data = Path.Combine(_dir.FullName, "data");
        File.WriteAllText(spec, Spec);
        var run = Sweep("run", spec, "--data", data);
        Assert.True(run.Code == 0, run.Err + run.Out);

        var cancel = Sweep("cancel", "done", "--data", data);

        Assert.True(cancel.Code == 0, cancel.Err);
        Assert.Contains("has finished; nothing to cancel, nothing changed", cancel.Out, StringComparison.Ordinal);
        var status = Sweep("status", "done", "--data", data);
        Assert.Contains("campaign done: finished", status.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("cancel", status.Out, StringComparison.OrdinalIgnoreCase);
    }

    private static (int Code, string Out, string Err) Sweep(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e, TextReader.Null);
        return (code, o.ToString(), e.ToString());
    }
}
