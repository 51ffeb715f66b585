using System.Text.Json;
using Sweep.Client;

namespace Sweep.Client.Tests;

/// <summary>The commands that read or change a stored campaign, on a real local run.</summary>
public sealed class StoreCommandsTests : IDisposable
{
    private const string Spec = """
        {
          "name": "store-cmds", "seed": 3, "timePoints": 40, "batchSize": 8,
          "blocks": [
            { "d": 2, "alpha": [3], "x": [0.001, 0.01], "N": [6, 8, 10], "Ns": 24, "observables": ["mag", "pur"] }
          ]
        }
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-cli-");

    public StoreCommandsTests()
    {
        File.WriteAllText(SpecPath, Spec);
    }

    private string Data => Path.Combine(_dir.FullName, "data");

    private string SpecPath => Path.Combine(_dir.FullName, "spec.json");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Code, string Out, string Err) Sweep(TextReader? stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e, stdin ?? TextReader.Null);
        return (code, o.ToString(), e.ToString());
    }

    private static (int Code, string Out, string Err) Sweep(params string[] args) => Sweep(null, args);

    // JSON numbers are written in round-trip form, so parsing them back gives the exact doubles.
    private static long[] Bits(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(v => BitConverter.DoubleToInt64Bits(v.GetDouble())).ToArray()
        : [BitConverter.DoubleToInt64Bits(e.GetDouble())];

    [Fact]
    public void ListStatusTableExportAndDeleteWorkOnAStoredCampaign()
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var run = Sweep("run", SpecPath, "--data", Data, "--slots", "2");
        DateTimeOffset returned = DateTimeOffset.UtcNow;
        Assert.True(run.Code == 0, run.Err + run.Out);
        Assert.Contains("batches: 18 computed in this run, 0 reused from storage", run.Out, StringComparison.Ordinal);

        var list = Sweep("list", "--data", Data);
        Assert.Contains("store-cmds", list.Out, StringComparison.Ordinal);
        Assert.Contains("finished", list.Out, StringComparison.Ordinal);

        var status = Sweep("status", "store-cmds", "--json", "--data", Data);
        using (var doc = JsonDocument.Parse(status.Out))
        {
            JsonElement s = doc.RootElement[0];
            Assert.Equal(6, s.GetProperty("points_done").GetInt32());
            Assert.Equal(144, s.GetProperty("realizations_done").GetInt64());
            Assert.Equal(18, s.GetProperty("batches_stored").GetInt32());
            // The time the last point finished, stored with the campaign: within the run.
            DateTimeOffset finished = DateTimeOffset.Parse(s.GetProperty("finished_utc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(finished, started.AddMilliseconds(-1), returned);

            // A stopped store: no run computes, so the cluster object says so with zero counts.
            JsonElement cluster = s.GetProperty("cluster");
            Assert.False(cluster.GetProperty("running").GetBoolean());
            Assert.Equal(0, cluster.GetProperty("slots").GetInt32());
            Assert.Equal(0, cluster.GetProperty("queued_batches").GetInt32());
            Assert.Equal(10, cluster.GetProperty("rate_window_seconds").GetDouble());
            Assert.Equal(0, cluster.GetProperty("silos").GetArrayLength());
        }

        string text = Sweep("status", "store-cmds", "--data", Data).Out;
        Assert.Contains("; finished 20", text, StringComparison.Ordinal);
        Assert.Contains("compute: no run is computing (a stopped store)", text, StringComparison.Ordinal);

        var table = Sweep("table", "store-cmds", "--format", "json", "--data", Data);
        using (var doc = JsonDocument.Parse(table.Out))
        {
            JsonElement exponents = doc.RootElement.GetProperty("exponents");
            Assert.Equal(2, exponents.GetArrayLength());
            Assert.All(exponents.EnumerateArray(), e => Assert.Equal(3, e.GetProperty("N").GetArrayLength()));
            Assert.Equal(6, doc.RootElement.GetProperty("points").GetArrayLength());
            Assert.False(doc.RootElement.GetProperty("partial").GetBoolean());
        }

        string outDir = Path.Combine(_dir.FullName, "export");
        var export = Sweep("export", "store-cmds", "--out", outDir, "--data", Data);
        Assert.Equal(0, export.Code);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(outDir, "points"), "*.csv").Length);
        string[] curve = File.ReadAllLines(Path.Combine(outDir, "points", "d2_alpha3_x0.01_N10.csv"));
        Assert.Equal(2 + 40, curve.Length);
        Assert.Equal(1 + 12, File.ReadAllLines(Path.Combine(outDir, "fits.csv")).Length);

        // `sweep point` with the campaign's seed gives the same bits as the campaign's point.
        var point = Sweep("point", "--d", "2", "--alpha", "3", "--x", "0.01", "--n", "10", "--ns", "24", "--seed", "3", "--t-points", "40", "--json");
        using (var direct = JsonDocument.Parse(point.Out))
        using (var stored = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "points", "d2_alpha3_x0.01_N10.json"))))
        {
            foreach (string key in new[] { "t", "mag", "mag_sem", "pur", "pur_sem", "jnn_ratio" })
            {
                Assert.Equal(Bits(direct.RootElement.GetProperty(key)), Bits(stored.RootElement.GetProperty(key)));
            }

            Assert.Equal(Bits(direct.RootElement.GetProperty("fit_mag").GetProperty("beta")), Bits(stored.RootElement.GetProperty("fit_mag").GetProperty("beta")));
            Assert.Equal(Bits(direct.RootElement.GetProperty("fit_pur").GetProperty("beta_err_jackknife")), Bits(stored.RootElement.GetProperty("fit_pur").GetProperty("beta_err_jackknife")));
        }

        var refused = Sweep(new StringReader("no\n"), "delete", "store-cmds", "--data", Data);
        Assert.Equal(1, refused.Code);
        Assert.Contains("store-cmds", Sweep("list", "--data", Data).Out, StringComparison.Ordinal);

        var deleted = Sweep("delete", "store-cmds", "--yes", "--data", Data);
        Assert.Equal(0, deleted.Code);
        Assert.StartsWith("no campaigns in", Sweep("list", "--data", Data).Out, StringComparison.Ordinal);
        var gone = Sweep("status", "store-cmds", "--data", Data);
        Assert.Equal(2, gone.Code);
        Assert.Contains("no campaign 'store-cmds'", gone.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandsOnAMissingStoreSayWhereTheyLooked()
    {
        var status = Sweep("status", "--data", Path.Combine(_dir.FullName, "nowhere"));
        Assert.Equal(2, status.Code);
        Assert.Contains("no store in", status.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "nowhere")));
    }

    [Fact]
    public void AnInvalidSpecIsRejectedBeforeAnythingRunsAndNamesBlockAndField()
    {
        File.WriteAllText(SpecPath, Spec.Replace("\"Ns\": 24", "\"Ns\": 0", StringComparison.Ordinal));
        var run = Sweep("run", SpecPath, "--data", Data);
        Assert.Equal(2, run.Code);
        Assert.Contains("blocks[0].Ns", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, "sweep.db")));
    }
}
