using System.Text.Json.Nodes;

namespace Sweep.Campaigns.Tests;

public class ParserRejectsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void DimensionOutsideOneToThree(int d) =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 1)["d"] = d), "blocks[1].d", $"must be 1, 2 or 3 (got {d})");

    [Fact]
    public void AlphaBelowD() =>
        AssertError(
            Specs.ErrorsAfter(s => Specs.Block(s, 0)["alpha"] = new JsonArray(1, 0.5)),
            "blocks[0].alpha[1]",
            "must be at least d = 1 (got 0.5)");

    [Fact]
    public void AlphaBelowDInThreeDimensions() =>
        AssertError(
            Specs.ErrorsAfter(s => Specs.Block(s, 1)["alpha"] = new JsonArray(2.5)),
            "blocks[1].alpha[0]",
            "must be at least d = 3");

    [Fact]
    public void NBelowTwo() =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 0)["N"] = new JsonArray(8, 1)), "blocks[0].N[1]", "must be at least 2 (got 1)");

    [Fact]
    public void NsBelowOne() =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 0)["Ns"] = 0), "blocks[0].Ns", "must be at least 1 (got 0)");

    [Fact]
    public void NsAboveAccumulatorCapacity()
    {
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 0)["Ns"] = (1 << 22) + 1), "blocks[0].Ns", "must be at most 4194304");
        // Batches of 2^16 keep the campaign's batch count under its own limit.
        Assert.Equal(1 << 22, Specs.With(s =>
        {
            Specs.Block(s, 0)["Ns"] = 1 << 22;
            s["batchSize"] = 1 << 16;
        }).Blocks[0].Ns);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.001)]
    public void XNotPositive(double x) =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 0)["x"] = new JsonArray(0.01, x)), "blocks[0].x[1]", "must be positive");

    [Theory]
    [InlineData(0, 1.4952)]
    [InlineData(1, 3.062)]
    [InlineData(1, 4.0)]
    public void XAtOrPastJamming(int block, double x) =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, block)["x"] = new JsonArray(x)), $"blocks[{block}].x[0]", "jamming");

    [Fact]
    public void UnknownTopLevelKey()
    {
        IReadOnlyList<string> errors = Specs.ErrorsAfter(s => s["sede"] = 2);
        Assert.Contains(errors, e => e.StartsWith("unknown key 'sede'", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongCaseKeySuggestsTheRightOne()
    {
        IReadOnlyList<string> errors = Specs.ErrorsAfter(s => s["BatchSize"] = 2);
        Assert.Contains(errors, e => e.Contains("unknown key 'BatchSize'", StringComparison.Ordinal) && e.Contains("'batchSize'", StringComparison.Ordinal));
    }

    [Fact]
    public void BlockCannotOverrideCampaignSetting() =>
        Assert.Contains(
            "blocks[1]: unknown key 'seed' (campaign-wide settings cannot be overridden per block)",
            Specs.ErrorsAfter(s => Specs.Block(s, 1)["seed"] = 2));

    [Fact]
    public void UnknownBlockKey() =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 0)["ns"] = 3), "blocks[0]", "unknown key 'ns'");

    [Fact]
    public void DuplicateKey() =>
        AssertError(Specs.Errors(Specs.Valid.Replace("\"seed\": 1,", "\"seed\": 1, \"seed\": 2,", StringComparison.Ordinal)), "seed", "more than once");

    [Theory]
    [InlineData("name")]
    [InlineData("seed")]
    [InlineData("blocks")]
    public void MissingRequiredTopLevelKey(string key) =>
        AssertError(Specs.ErrorsAfter(s => s.Remove(key)), key, "is required");

    [Theory]
    [InlineData("d")]
    [InlineData("alpha")]
    [InlineData("x")]
    [InlineData("N")]
    [InlineData("Ns")]
    [InlineData("observables")]
    public void MissingRequiredBlockKey(string key) =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 1).Remove(key)), $"blocks[1].{key}", "is required");

    [Theory]
    [InlineData("alpha")]
    [InlineData("x")]
    [InlineData("N")]
    [InlineData("observables")]
    public void EmptyBlockList(string key) =>
        AssertError(Specs.ErrorsAfter(s => Specs.Block(s, 1)[key] = new JsonArray()), $"blocks[1].{key}", "must not be empty");

    [Fact]
    public void EmptyBlocks() =>
        AssertError(Specs.ErrorsAfter(s => s["blocks"] = new JsonArray()), "blocks", "must not be empty");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void BatchSizeBelowOne(int size) =>
        AssertError(Specs.ErrorsAfter(s => s["batchSize"] = size), "batchSize", "must be at least 1");

    [Fact]
    public void TimePointsBelowTwo() =>
        AssertError(Specs.ErrorsAfter(s => s["timePoints"] = 1), "timePoints", "must be at least 2 (got 1)");

    [Fact]
    public void UnknownTimeUnit() =>
        AssertError(Specs.ErrorsAfter(s => s["timeUnit"] = "median"), "timeUnit", "unknown time unit 'median'");

    [Fact]
    public void UnknownKernel() =>
        Assert.Contains(
            "kernel.name: unknown kernel 'fast' (known: exact, accelerated)",
            Specs.ErrorsAfter(s => s["kernel"] = new JsonObject { ["name"] = "fast" }));

    [Fact]
    public void KernelSettingTheKernelDoesNotHave() =>
        AssertError(
            Specs.ErrorsAfter(s => s["kernel"] = new JsonObject { ["name"] = "exact", ["tolerance"] = 1e-6 }),
            "kernel",
            "unknown key 'tolerance'");

    [Fact]
    public void KernelWithoutName() =>
        AssertError(Specs.ErrorsAfter(s => s["kernel"] = new JsonObject()), "kernel.name", "is required");

    [Fact]
    public void UnknownObservable() =>
        AssertError(
            Specs.ErrorsAfter(s => Specs.Block(s, 0)["observables"] = new JsonArray("mag", "magnetisation")),
            "blocks[0].observables[1]",
            "unknown observable 'magnetisation' (known: mag, pur)");

    [Fact]
    public void DuplicateObservable() =>
        AssertError(
            Specs.ErrorsAfter(s => Specs.Block(s, 1)["observables"] = new JsonArray("pur", "mag", "pur")),
            "blocks[1].observables[2]",
            "duplicate observable 'pur'");

    [Fact]
    public void FitWindowOutsideZeroOneOrOutOfOrder()
    {
        AssertError(Specs.ErrorsAfter(s => s["fitWindow"] = new JsonArray(0.01, 0.99)), "fitWindow", "need 0 < lower < upper <= 1");
        AssertError(Specs.ErrorsAfter(s => s["fitWindow"] = new JsonArray(1.5, 0.01)), "fitWindow", "need 0 < lower < upper <= 1");
        AssertError(Specs.ErrorsAfter(s => s["fitWindow"] = new JsonArray(0.99, 0)), "fitWindow", "need 0 < lower < upper <= 1");
        AssertError(Specs.ErrorsAfter(s => s["fitWindow"] = new JsonArray(0.99)), "fitWindow", "a list of two numbers");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void StrongDisorderMaxXNotPositive(double x) =>
        AssertError(Specs.ErrorsAfter(s => s["strongDisorderMaxX"] = x), "strongDisorderMaxX", "must be positive");

    [Theory]
    [InlineData("", "must be 1 to 100 characters long (got 0)")]
    [InlineData("a b", "may contain only letters, digits, '-', '_' and '.' (found ' ')")]
    [InlineData("x/y", "(found '/')")]
    [InlineData("..", "must not consist of dots only")]
    public void BadName(string name, string fragment) =>
        AssertError(Specs.ErrorsAfter(s => s["name"] = name), "name", fragment);

    [Fact]
    public void OverlongName() =>
        AssertError(Specs.ErrorsAfter(s => s["name"] = new string('a', 101)), "name", "1 to 100 characters");

    [Theory]
    [InlineData("\"seed\": 1", "\"seed\": \"1\"", "seed", "expected an unsigned 64-bit integer, got a string")]
    [InlineData("\"seed\": 1", "\"seed\": -1", "seed", "must be an integer from 0 to 18446744073709551615")]
    [InlineData("\"seed\": 1", "\"seed\": 18446744073709551616", "seed", "must be an integer from 0")]
    [InlineData("\"seed\": 1", "\"seed\": 1.5", "seed", "must be an integer")]
    [InlineData("\"name\": \"t\"", "\"name\": 5", "name", "expected a string, got a number")]
    [InlineData("\"Ns\": 10", "\"Ns\": \"10\"", "blocks[0].Ns", "expected an integer, got a string")]
    [InlineData("\"Ns\": 10", "\"Ns\": 10.5", "blocks[0].Ns", "must be an integer")]
    [InlineData("\"d\": 1", "\"d\": true", "blocks[0].d", "expected an integer, got a boolean")]
    [InlineData("\"alpha\": [1, 3]", "\"alpha\": 1", "blocks[0].alpha", "expected a list, got a number")]
    [InlineData("\"alpha\": [1, 3]", "\"alpha\": [1, \"3\"]", "blocks[0].alpha[1]", "expected a number, got a string")]
    [InlineData("\"alpha\": [1, 3]", "\"alpha\": [1, 1e400]", "blocks[0].alpha[1]", "must be a finite number")]
    [InlineData("\"N\": [8, 16]", "\"N\": [8, null]", "blocks[0].N[1]", "expected an integer, got null")]
    [InlineData("\"observables\": [\"pur\"]", "\"observables\": \"pur\"", "blocks[1].observables", "expected a list, got a string")]
    [InlineData("\"observables\": [\"pur\"]", "\"observables\": [1]", "blocks[1].observables[0]", "expected a string, got a number")]
    public void WrongJsonType(string original, string replacement, string path, string fragment)
    {
        string json = Specs.Valid.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Specs.Valid, json);
        AssertError(Specs.Errors(json), path, fragment);
    }

    [Fact]
    public void WrongTypesOfObjects()
    {
        AssertError(Specs.ErrorsAfter(s => s["blocks"] = new JsonObject()), "blocks", "expected a list of blocks, got an object");
        AssertError(Specs.ErrorsAfter(s => s["blocks"]!.AsArray().Add(3)), "blocks[2]", "expected an object, got a number");
        AssertError(Specs.ErrorsAfter(s => s["kernel"] = "exact"), "kernel", "expected an object");
        AssertError(Specs.ErrorsAfter(s => s["timePoints"] = "many"), "timePoints", "expected an integer, got a string");
        AssertError(Specs.Errors("[1, 2]"), string.Empty, "must be a JSON object, got a list");
    }

    [Fact]
    public void MalformedJsonGivesLineAndPosition()
    {
        string error = Assert.Single(Specs.Errors("{\n  \"name\": \"t\",\n  \"seed\": 1 2\n}"));
        Assert.StartsWith("invalid JSON at line 3, position ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AllProblemsAreReportedAtOnce()
    {
        IReadOnlyList<string> errors = Specs.ErrorsAfter(s =>
        {
            s["batchSize"] = 0;
            s["kernel"] = new JsonObject { ["name"] = "fast" };
            Specs.Block(s, 0)["Ns"] = 0;
            Specs.Block(s, 1)["alpha"] = new JsonArray(6, 1);
        });

        AssertError(errors, "batchSize", "must be at least 1");
        AssertError(errors, "kernel.name", "unknown kernel 'fast'");
        AssertError(errors, "blocks[0].Ns", "must be at least 1 (got 0)");
        AssertError(errors, "blocks[1].alpha[1]", "must be at least d = 3 (got 1)");
        Assert.Equal(4, errors.Count);
    }

    private static void AssertError(IReadOnlyList<string> errors, string path, string fragment)
    {
        string prefix = path.Length == 0 ? string.Empty : path + ": ";
        Assert.True(
            errors.Any(e => e.StartsWith(prefix, StringComparison.Ordinal) && e.Contains(fragment, StringComparison.Ordinal)),
            $"expected an error '{prefix}...{fragment}...', got:\n  " + string.Join("\n  ", errors));
    }
}
