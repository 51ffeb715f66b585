using Microsoft.Data.Sqlite;
using Sweep.Client.Tests.Run;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Tests.Storage;

/// <summary>
/// Silent corruption, through the real `sweep` process: a flipped bit in a stored batch is found
/// by `sweep verify`, computed again by `sweep run` (the same bits, so the exported tables do not
/// change) and by `verify --repair`; a corrupt point state is rebuilt from its batches; a corrupt
/// campaign record cannot be rebuilt and stops everything with one line and exit 5.
/// </summary>
public sealed class CorruptionRecoveryTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-corrupt-");

    public CorruptionRecoveryTests()
    {
        File.WriteAllText(SpecPath, Spec(16));
        File.WriteAllText(ExtendedSpecPath, Spec(32));
    }

    private string Data => Path.Combine(_dir.FullName, "data");

    private string Db => Path.Combine(Data, "sweep.db");

    private string SpecPath => Path.Combine(_dir.FullName, "spec.json");

    private string ExtendedSpecPath => Path.Combine(_dir.FullName, "extended.json");

    public void Dispose() => _dir.Delete(recursive: true);

    // Two points of two batches each (four after the extension), a second or two per run.
    private static string Spec(int ns) => $$"""
        {
          "name": "damaged", "seed": 9, "timePoints": 24, "batchSize": 8, "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [3], "x": [0.01], "N": [6, 10], "Ns": {{ns}}, "observables": ["mag", "pur"] }
          ]
        }
        """;

    [Fact]
    public async Task A_flipped_bit_in_a_batch_is_reported_by_verify_and_computed_again_by_run_with_the_same_table()
    {
        await SweepOk("run", SpecPath, "--data", Data, "--slots", "1");
        string batch = FlipABit("batch");

        var verify = await Sweep("verify", "damaged", "--data", Data, "--sample", "1");
        Assert.True(verify.Code == ExitCodes.StoreCorrupt, $"exit {verify.Code}: {verify.Out}{verify.Err}");
        Assert.Contains($"corrupt: batch {batch["realizationbatch/".Length..]}", verify.Out, StringComparison.Ordinal);
        Assert.Contains("1 corrupt", verify.Out, StringComparison.Ordinal);

        // Extending the campaign reads every merged batch back: the damaged one is computed again.
        var run = await SweepOk("run", ExtendedSpecPath, "--data", Data, "--slots", "1");
        string damaged = Export(Data, "damaged-export");

        string straightData = Path.Combine(_dir.FullName, "straight");
        await SweepOk("run", ExtendedSpecPath, "--data", straightData, "--slots", "1");
        AssertSameTables(Export(straightData, "straight-export"), damaged);

        var after = await Sweep("verify", "damaged", "--data", Data, "--sample", "2");
        Assert.True(after.Code == ExitCodes.Done, $"exit {after.Code} after the run: {after.Out}{after.Err}\nrun: {run.Out}");
        Assert.Contains("result: clean", after.Out, StringComparison.Ordinal);
        Assert.Contains("same bits", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_repair_computes_a_corrupt_batch_again_and_the_store_verifies_clean()
    {
        await SweepOk("run", SpecPath, "--data", Data, "--slots", "1");
        string table = Export(Data, "before");
        string batch = FlipABit("batch");

        var repair = await Sweep("verify", "damaged", "--data", Data, "--sample", "0", "--repair");
        Assert.True(repair.Code == ExitCodes.Done, $"exit {repair.Code}: {repair.Out}{repair.Err}");
        Assert.Contains($"repaired: batch {batch["realizationbatch/".Length..]}", repair.Out, StringComparison.Ordinal);

        var again = await Sweep("verify", "damaged", "--data", Data, "--sample", "4");
        Assert.True(again.Code == ExitCodes.Done, $"exit {again.Code}: {again.Out}{again.Err}");
        Assert.Contains("4 of 4 intact batches", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("DIFFERENT", again.Out, StringComparison.Ordinal);
        AssertSameTables(table, Export(Data, "after"));
    }

    [Fact]
    public async Task A_corrupt_point_state_is_reported_by_readers_and_rebuilt_by_run_from_its_batches()
    {
        await SweepOk("run", SpecPath, "--data", Data, "--slots", "1");
        string table = Export(Data, "before");
        string point = FlipABit("point");

        var status = await Sweep("status", "damaged", "--data", Data);
        Assert.True(status.Code == ExitCodes.StoreCorrupt, $"exit {status.Code}: {status.Err}");
        Assert.Contains(point, Assert.Single(status.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        var verify = await Sweep("verify", "damaged", "--data", Data, "--sample", "0");
        Assert.True(verify.Code == ExitCodes.StoreCorrupt, $"exit {verify.Code}: {verify.Out}{verify.Err}");
        Assert.Contains("1 corrupt", verify.Out, StringComparison.Ordinal);

        await SweepOk("run", SpecPath, "--data", Data, "--slots", "1");
        AssertSameTables(table, Export(Data, "after"));
        var clean = await Sweep("verify", "damaged", "--data", Data, "--sample", "0");
        Assert.True(clean.Code == ExitCodes.Done, $"exit {clean.Code}: {clean.Out}{clean.Err}");
    }

    [Fact]
    public async Task Verify_repair_rebuilds_a_corrupt_point_state()
    {
        await SweepOk("run", SpecPath, "--data", Data, "--slots", "1");
        string table = Export(Data, "before");
        FlipABit("point");

        var repair = await Sweep("verify", "damaged", "--data", Data, "--sample", "0", "--repair");
        Assert.True(repair.Code == ExitCodes.Done, $"exit {repair.Code}: {repair.Out}{repair.Err}");
        Assert.Contains("rebuilt from its 2 stored batches", repair.Out, StringComparison.Ordinal);
        AssertSameTables(table, Export(Data, "after"));
    }

    [Fact]
    public async Task A_corrupt_campaign_record_cannot_be_rebuilt_and_stops_run_and_verify_in_one_line()
    {
        await SweepOk("run", SpecPath, "--data", Data, "--slots", "1");
        FlipABit("campaign");

        foreach (string[] args in new[] { new[] { "run", SpecPath, "--data", Data }, ["verify", "damaged", "--data", Data, "--repair"] })
        {
            var result = await Sweep(args);
            Assert.True(result.Code == ExitCodes.StoreCorrupt, $"{args[0]}: exit {result.Code}: {result.Err}");
            string line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("cannot be rebuilt", line, StringComparison.Ordinal);
            Assert.Contains(Data, line, StringComparison.Ordinal);
        }
    }

    /// <summary>Flips one bit in the body of the first stored payload of that state name; returns its grain id.</summary>
    private string FlipABit(string stateName)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        db.Open();
        using SqliteCommand read = db.CreateCommand();
        read.CommandText = "SELECT grain_id, payload FROM grain_state WHERE state_name = $s AND payload IS NOT NULL ORDER BY grain_id LIMIT 1;";
        read.Parameters.AddWithValue("$s", stateName);
        string id;
        byte[] payload;
        using (SqliteDataReader row = read.ExecuteReader())
        {
            Assert.True(row.Read(), $"no stored {stateName}");
            id = row.GetString(0);
            payload = (byte[])row[1];
        }

        // Past the envelope's 24-byte header, in the middle of the body.
        payload[24 + ((payload.Length - 24) / 2)] ^= 0x04;
        using SqliteCommand write = db.CreateCommand();
        write.CommandText = "UPDATE grain_state SET payload = $p WHERE state_name = $s AND grain_id = $id;";
        write.Parameters.AddWithValue("$p", payload);
        write.Parameters.AddWithValue("$s", stateName);
        write.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, write.ExecuteNonQuery());
        return id;
    }

    private string Export(string data, string name)
    {
        string outDir = Path.Combine(_dir.FullName, name);
        var export = Sweep("export", "damaged", "--data", data, "--out", outDir).GetAwaiter().GetResult();
        Assert.True(export.Code == 0, export.Err);
        return outDir;
    }

    // The tables and every point's curves and fits (CSV, JSON tables): the provenance in the
    // points' JSON names the time of the analysis, which a rebuilt point does again.
    private static void AssertSameTables(string expected, string actual)
    {
        string[] files = Directory.GetFiles(expected, "*.csv", SearchOption.AllDirectories)
            .Append(Path.Combine(expected, "table.json"))
            .Select(f => Path.GetRelativePath(expected, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(files.Length >= 4, $"only {files.Length} files exported");
        foreach (string file in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))),
                $"{file} differs");
        }
    }

    private static async Task<(int Code, string Out, string Err)> SweepOk(params string[] args)
    {
        var result = await Sweep(args);
        Assert.True(result.Code == 0, $"sweep {string.Join(' ', args)}: exit {result.Code}\n{result.Out}\n{result.Err}");
        return result;
    }

    private static async Task<(int Code, string Out, string Err)> Sweep(params string[] args)
    {
        using SweepProcess sweep = SweepProcess.Start(args);
        int code = await sweep.WaitAsync(Limit);
        return (code, sweep.Stdout, sweep.Stderr);
    }
}
