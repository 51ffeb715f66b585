using Microsoft.Data.Sqlite;
using Sweep.Client;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Tests.Storage;

/// <summary>
/// A store that the machine made unusable (truncated, overwritten, read-only, written by a newer
/// Sweep, damaged) is one line on stderr naming sweep.db and the cause, with the exit code
/// README documents; never a stack trace, and never a new store silently made over it.
/// </summary>
public sealed class StoreFailureTests : IDisposable
{
    private const string Spec = """
        {
          "name": "edges", "seed": 5, "timePoints": 20, "batchSize": 8,
          "blocks": [
            { "d": 1, "alpha": [3], "x": [0.01], "N": [6], "Ns": 16, "observables": ["mag"] }
          ]
        }
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-edges-");

    public StoreFailureTests()
    {
        File.WriteAllText(SpecPath, Spec);
        Directory.CreateDirectory(Data);
    }

    private string Data => Path.Combine(_dir.FullName, "data");

    private string Db => Path.Combine(Data, "sweep.db");

    private string SpecPath => Path.Combine(_dir.FullName, "spec.json");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void ATruncatedStoreIsReportedAndNotReplaced()
    {
        File.WriteAllBytes(Db, []);

        AssertOneLine(Sweep("status", "--data", Data), ExitCodes.StoreUnusable, "0 bytes");
        AssertOneLine(Sweep("run", SpecPath, "--data", Data), ExitCodes.StoreUnusable, "0 bytes");
        Assert.Equal(0, new FileInfo(Db).Length);
    }

    [Fact]
    public void AGarbageStoreIsCorrupt()
    {
        byte[] garbage = new byte[8192];
        new Random(12).NextBytes(garbage);
        File.WriteAllBytes(Db, garbage);

        AssertOneLine(Sweep("status", "--data", Data), ExitCodes.StoreCorrupt, "not a SQLite database");
        AssertOneLine(Sweep("run", SpecPath, "--data", Data), ExitCodes.StoreCorrupt, "not a SQLite database");
        Assert.Equal(garbage, File.ReadAllBytes(Db));
    }

    [Fact]
    public void AStoreFromANewerSchemaIsRefusedInOneLine()
    {
        RunOnce();
        Execute("UPDATE meta SET value = '999' WHERE key = 'schema_version';");

        AssertOneLine(Sweep("status", "edges", "--data", Data), ExitCodes.StoreUnusable, "newer Sweep");
        AssertOneLine(Sweep("run", SpecPath, "--data", Data), ExitCodes.StoreUnusable, "newer Sweep");
    }

    [Fact]
    public void AFlippedBitInAStoredStateIsCorruptForStatus()
    {
        RunOnce();
        FlipABitInTheCampaignState();

        AssertOneLine(Sweep("status", "edges", "--data", Data), ExitCodes.StoreCorrupt, "corrupt");
    }

    [Fact]
    public void AFlippedBitInTheCampaignStateStopsARunInOneLine()
    {
        // Here the silo's grain meets the damage, and Orleans wraps the storage's exception.
        RunOnce();
        FlipABitInTheCampaignState();

        AssertOneLine(Sweep("run", SpecPath, "--data", Data), ExitCodes.StoreCorrupt, "cannot be rebuilt");
    }

    private void FlipABitInTheCampaignState()
    {
        using (SqliteConnection db = Open())
        {
            using SqliteCommand read = db.CreateCommand();
            read.CommandText = "SELECT grain_id, payload FROM grain_state WHERE state_name = 'campaign';";
            string id;
            byte[] payload;
            using (SqliteDataReader row = read.ExecuteReader())
            {
                Assert.True(row.Read());
                id = row.GetString(0);
                payload = (byte[])row[1];
            }

            // A bit in the body, past the envelope's 24-byte header.
            payload[^3] ^= 0x10;
            using SqliteCommand write = db.CreateCommand();
            write.CommandText = "UPDATE grain_state SET payload = $p WHERE state_name = 'campaign' AND grain_id = $id;";
            write.Parameters.AddWithValue("$p", payload);
            write.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, write.ExecuteNonQuery());
        }
    }

    [ReadOnlyStoreFact]
    public void AReadOnlyStoreIsReadButNotRun()
    {
        RunOnce();

        // The run's pooled connections would otherwise be closed later, in a directory that no longer takes writes.
        SqliteConnection.ClearAllPools();
        string[] files = Directory.GetFiles(Data);
        ReadOnlyFiles.Protect([.. files, Data]);
        try
        {
            var status = Sweep("status", "edges", "--data", Data);
            Assert.True(status.Code == 0, status.Err);
            Assert.Contains("finished", status.Out, StringComparison.Ordinal);
            var table = Sweep("table", "edges", "--data", Data);
            Assert.True(table.Code == 0, table.Err);

            AssertOneLine(Sweep("run", SpecPath, "--data", Data), ExitCodes.StoreUnusable, "not writable", Data);
        }
        finally
        {
            ReadOnlyFiles.Release([Data, .. files]);
        }
    }

    [Fact]
    public void ADataOptionNamingAFileSaysSo()
    {
        AssertOneLine(Sweep("status", "--data", SpecPath), ExitCodes.StoreUnusable, "is a file, not a directory", SpecPath);
    }

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        File.WriteAllBytes(Db, []);
        var (code, _, err) = Sweep("status", "--data", Data, "--verbose");
        Assert.Equal(ExitCodes.StoreUnusable, code);
        Assert.Contains("   at ", err, StringComparison.Ordinal);
    }

    private void AssertOneLine((int Code, string Out, string Err) result, int code, string cause)
        => AssertOneLine(result, code, cause, Db);

    private static void AssertOneLine((int Code, string Out, string Err) result, int code, string cause, string path)
    {
        Assert.True(result.Code == code, $"exit {result.Code}, expected {code}: {result.Err}");
        string line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(cause, line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Err) Sweep(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e, TextReader.Null);
        return (code, o.ToString(), e.ToString());
    }

    private void RunOnce()
    {
        var run = Sweep("run", SpecPath, "--data", Data, "--slots", "1");
        Assert.True(run.Code == 0, run.Err + run.Out);
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        db.Open();
        return db;
    }

    private void Execute(string sql)
    {
        using SqliteConnection db = Open();
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
