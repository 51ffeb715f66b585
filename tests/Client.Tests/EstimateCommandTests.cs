namespace Sweep.Client.Tests;

public class EstimateCommandTests
{
    [Fact]
    public void PrintsGridSizeFactorsAndAWallTime()
    {
        string spec = Path.Combine(Directory.CreateTempSubdirectory("sweep-estimate-").FullName, "spec.json");
        File.WriteAllText(spec, """
            { "name": "est", "seed": 1, "timePoints": 50,
              "blocks": [ { "d": 3, "alpha": [6], "x": [0.001, 0.01], "N": [10, 20], "Ns": 5, "observables": ["mag", "pur"] } ] }
            """);
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(["estimate", spec, "--cores", "2", "--calibration-seconds", "0.05"], o, e);
        Assert.True(code == 0, e.ToString());
        string text = o.ToString();

        // 4 points x 5 realizations; factors sum (Ns + 1) N (N - 1) T with the snapshot realization.
        Assert.Contains("grid points:               4", text, StringComparison.Ordinal);
        Assert.Contains("realizations:              20 (+4 Fig. 1", text, StringComparison.Ordinal);
        Assert.Contains("2.820E+005", text, StringComparison.Ordinal);
        Assert.Matches(@"estimated wall time: +\d+ s on 2 cores", text);
        // Every (d, N) of the spec is timed and shown with its unit.
        Assert.Matches(@"d = 3: N = 10: [\d.]+ (us|ms), N = 20: [\d.]+ (us|ms)", text);
    }

    [Fact]
    public void InvalidSpecExitsTwoNamingTheField()
    {
        string spec = Path.Combine(Directory.CreateTempSubdirectory("sweep-estimate-").FullName, "bad.json");
        File.WriteAllText(spec, """{ "name": "bad", "seed": 1, "blocks": [ { "d": 3, "alpha": [6], "x": [0.001], "N": [1], "Ns": 5, "observables": ["mag"] } ] }""");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["estimate", spec], o, e));
        Assert.Contains("N", e.ToString(), StringComparison.Ordinal);
    }
}
