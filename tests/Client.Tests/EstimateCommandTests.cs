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
        Assert.Matches(@"memory per compute slot: +[\d.,]+ MB at most", text);
        // 4 points of one batch (two 64 kB pages at most) and their own states.
        Assert.Matches(@"store size: +[\d.,]+ MB \(SQLite", text);
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

    [Theory]
    [InlineData("\"N\": [50000]", "blocks[0].N[0]: 50000 spins need")]
    [InlineData("\"N\": [1000000000]", "blocks[0].N[0]: 1000000000 spins need")]
    [InlineData("\"N\": [10], \"Ns\": 4194304, \"x\": [0.001, 0.01]", "batchSize: 50 gives 167,774 batches")]
    public void OversizedSpecsAnswerWithTheirLimitInsteadOfRunningOutOfMemory(string block, string error)
    {
        string spec = Path.Combine(Directory.CreateTempSubdirectory("sweep-estimate-").FullName, "big.json");
        string fields = block.Contains("Ns", StringComparison.Ordinal) ? block : block + ", \"Ns\": 5, \"x\": [0.001]";
        File.WriteAllText(spec, $$"""{ "name": "big", "seed": 1, "kernel": { "name": "exact" }, "blocks": [ { "d": 3, "alpha": [6], {{fields}}, "observables": ["mag"] } ] }""");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["estimate", spec], o, e));
        string line = Assert.Single(e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(error, line, StringComparison.Ordinal);
    }
}
