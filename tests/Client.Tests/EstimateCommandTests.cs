using System.Globalization;
using System.Text.RegularExpressions;

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
    public void WithSlotsStatesTheRedisLoadOfATinyCampaignOnManySlots()
    {
        // 1D N = 8 realizations take microseconds: 200 batches of 10 on 200 of 10,000 slots
        // would store their rows far faster than 100 MB/s.
        string text = Estimate(ns: 1_000, slots: 10_000);
        Assert.Contains("on 10,000 compute slots of this machine's speed", text, StringComparison.Ordinal);
        Assert.Contains("batches:                 200 of batchSize 10,", text, StringComparison.Ordinal);
        Assert.Contains("fewer batches than slots: at most 200 of the 10,000 slots are ever busy", text, StringComparison.Ordinal);
        Assert.Matches(@"into Redis: +[\d,.]+ MB/s \([\d,.]+ batches/s x 109\.8 kB at T = 200; the goal is at most 100 MB/s\)", text);
        // 200 batch rows and two points (merged sums and state), 22.4 MB.
        Assert.Matches(@"Redis memory: +22\.\d MB at the end", text);
        Assert.Matches(@"dispatcher: +[\d.]+ % busy", text);
        AssertRaisedBatchSizeStaysUnderTheGoal(text);
    }

    [Fact]
    public void WithSlotsNamesTheBatchSizeThatKeepsRedisUnderTheGoal()
    {
        string text = Estimate(ns: 400_000, slots: 100);
        Assert.Contains("batches:                 80,000 of batchSize 10,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fewer batches than slots", text, StringComparison.Ordinal);
        int size = AssertRaisedBatchSizeStaysUnderTheGoal(text);

        // The same campaign cut coarser is under the goal and says so (4 times the size: each run times the kernel anew).
        string raised = Estimate(ns: 400_000, slots: 100, batchSize: 4 * size);
        Assert.Contains($"batchSize:               {4 * size} keeps Redis under 100 MB/s", raised, StringComparison.Ordinal);
    }

    // The advice names a size whose own figures are under the goal.
    private static int AssertRaisedBatchSizeStaysUnderTheGoal(string text)
    {
        Match advice = Regex.Match(text, @"batchSize: +10 puts more than 100 MB/s into Redis: raise it to at least (\d+) \(([\d,]+) batches of [\d.]+ (ms|s) on average, ([\d.,]+) MB/s\)");
        Assert.True(advice.Success, text);
        Assert.InRange(double.Parse(advice.Groups[4].Value, NumberStyles.Number, CultureInfo.InvariantCulture), 0, 100);
        int size = int.Parse(advice.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(size > 10, text);
        return size;
    }

    private static string Estimate(int ns, int slots, int batchSize = 10)
    {
        string spec = Path.Combine(Directory.CreateTempSubdirectory("sweep-estimate-").FullName, "spec.json");
        File.WriteAllText(spec, $$"""
            { "name": "load", "seed": 1, "timePoints": 200, "batchSize": {{batchSize}},
              "blocks": [ { "d": 1, "alpha": [2], "x": [0.001, 0.01], "N": [8], "Ns": {{ns}}, "observables": ["mag"] } ] }
            """);
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(["estimate", spec, "--slots", slots.ToString(CultureInfo.InvariantCulture), "--calibration-seconds", "0.05"], o, e);
        Assert.True(code == 0, e.ToString());
        return o.ToString();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    public void SlotsOutOfRangeAreOneLineWithExitTwo(string slots)
    {
        string spec = Path.Combine(Directory.CreateTempSubdirectory("sweep-estimate-").FullName, "spec.json");
        File.WriteAllText(spec, """{ "name": "s", "seed": 1, "blocks": [ { "d": 1, "alpha": [2], "x": [0.001], "N": [8], "Ns": 5, "observables": ["mag"] } ] }""");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["estimate", spec, "--slots", slots], o, e));
        string line = Assert.Single(e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"--slots: must be in 1..1000000 (got {slots})", line, StringComparison.Ordinal);
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
