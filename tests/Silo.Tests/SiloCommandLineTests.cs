namespace Sweep.Silo.Tests;

/// <summary>
/// `sweep-silo`'s command line: help generated from the settings it reads, one line and exit
/// code 2 for a bad command line, and the command line over the environment over the file.
/// </summary>
public sealed class SiloCommandLineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-silo-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (IReadOnlyDictionary<string, string?>? Values, int Code, string Out, string Err) Parse(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var values = SiloCommandLine.Parse(args, o, e, out int code);
        return (values, code, o.ToString(), e.ToString());
    }

    [Fact]
    public void HelpListsEverySettingWithItsEnvironmentVariable()
    {
        var (values, code, stdout, stderr) = Parse("--help");
        Assert.Null(values);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        foreach (string name in new[] { "redis", "silo-port", "gateway-port", "advertised-address", "cluster-id", "service-id", "slots", "resume-seconds" })
        {
            string env = "SWEEP_" + name.Replace('-', '_').ToUpperInvariant();
            Assert.Matches($@"(?m)^\s+--{name} <[^>]+>\s+\S.*\[{env}\]$", stdout);
        }
    }

    [Theory]
    [InlineData(new[] { "--slot", "3" }, "sweep-silo: --slot: unknown option (did you mean --slots?); see sweep-silo --help")]
    [InlineData(new[] { "--redis", "a:1", "--redis", "b:1" }, "sweep-silo: --redis: given more than once")]
    [InlineData(new[] { "--slots" }, "sweep-silo: --slots: needs a value")]
    [InlineData(new[] { "extra" }, "sweep-silo: unexpected argument 'extra'; usage: sweep-silo --redis HOST:PORT [options]")]
    public void ABadCommandLineIsOneLineAndExitCode2(string[] args, string expected)
    {
        var (values, code, stdout, stderr) = Parse(args);
        Assert.Null(values);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(expected, stderr.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void TheCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, SiloSettingsReader.ConfigFile), """{ "redis": "10.0.0.1:6379", "slots": "3", "cluster-id": "from-file", "service-id": "file-service" }""");
        var environment = new Dictionary<string, string?> { ["SWEEP_SLOTS"] = "5", ["SWEEP_CLUSTER_ID"] = "from-env" };
        var (values, code, _, stderr) = Parse("--cluster-id", "from-cli", "--gateway-port=30100");
        Assert.True(code == 0, stderr);
        var settings = SiloSettingsReader.Read(values!, n => environment.GetValueOrDefault(n), _dir.FullName);
        Assert.Equal("10.0.0.1:6379", settings.Redis.ToString());
        Assert.Equal(5, settings.Slots);
        Assert.Equal("from-cli", settings.ClusterId);
        Assert.Equal("file-service", settings.ServiceId);
        Assert.Equal(30100, settings.GatewayPort);
    }

    [Fact]
    public void ABadValueNamesTheSetting()
    {
        var (values, _, _, _) = Parse("--redis", "127.0.0.1:6379", "--slots", "0");
        var e = Assert.Throws<FormatException>(() => SiloSettingsReader.Read(values!, _ => null, _dir.FullName));
        Assert.Equal("slots: '0' is not an integer in 1..1024", e.Message);
    }

    [Fact]
    public void MemoryPerSlotIsASizeInBinaryUnitsAndMeasuredWhenNotGiven()
    {
        var (none, _, _, _) = Parse("--redis", "127.0.0.1:6379");
        Assert.Null(SiloSettingsReader.Read(none!, _ => null, _dir.FullName).MemoryPerSlot);
        var (given, _, _, _) = Parse("--redis", "127.0.0.1:6379", "--memory-per-slot", "1.5GiB");
        Assert.Equal(3L << 29, SiloSettingsReader.Read(given!, _ => null, _dir.FullName).MemoryPerSlot);
        Assert.Equal(512L << 20, SiloSettingsReader.Read(none!, n => n == "SWEEP_MEMORY_PER_SLOT" ? "512M" : null, _dir.FullName).MemoryPerSlot);
        var (bad, _, _, _) = Parse("--redis", "127.0.0.1:6379", "--memory-per-slot", "2GB");
        var e = Assert.Throws<FormatException>(() => SiloSettingsReader.Read(bad!, _ => null, _dir.FullName));
        Assert.Equal("memory-per-slot: '2GB' is not a size such as 2GiB or 512MiB (binary units, at least 1 MiB)", e.Message);
    }

    [Fact]
    public void ThePasswordComesFromTheEnvironmentOrAFileNeverAnOption()
    {
        var (_, code, _, stderr) = Parse("--redis", "127.0.0.1:6379", "--redis-password", "x");
        Assert.Equal(2, code);
        Assert.StartsWith("sweep-silo: --redis-password: unknown option (did you mean --redis-password-file?)", stderr, StringComparison.Ordinal);

        var (values, _, _, _) = Parse("--redis", "127.0.0.1:6379", "--redis-user", "silo");
        var fromEnvironment = SiloSettingsReader.Read(values!, n => n == "SWEEP_REDIS_PASSWORD" ? "pw-env" : null, _dir.FullName);
        Assert.Equal("pw-env", fromEnvironment.Redis.Credentials!.Password);
        Assert.Equal("silo", fromEnvironment.Redis.Credentials.User);
        Assert.Null(fromEnvironment.Redis.Tls);

        string file = Path.Combine(_dir.FullName, "redis-password");
        File.WriteAllText(file, "pw-file\n");
        var (fileValues, _, _, _) = Parse("--redis", "127.0.0.1:6379", "--redis-password-file", file);
        Assert.Equal("pw-file", SiloSettingsReader.Read(fileValues!, _ => null, _dir.FullName).Redis.Credentials!.Password);
        var both = Assert.Throws<FormatException>(() => SiloSettingsReader.Read(fileValues!, n => n == "SWEEP_REDIS_PASSWORD" ? "pw-env" : null, _dir.FullName));
        Assert.Equal("redis-password-file: the Redis password is also set in SWEEP_REDIS_PASSWORD; give it one way only", both.Message);
    }

    [Fact]
    public void TlsSettingsAreCheckedAtStart()
    {
        var (values, _, _, _) = Parse("--redis", "127.0.0.1:6379", "--redis-tls", "maybe");
        var e = Assert.Throws<FormatException>(() => SiloSettingsReader.Read(values!, _ => null, _dir.FullName));
        Assert.Equal("redis-tls: 'maybe' is not true or false", e.Message);

        var (on, _, _, _) = Parse("--redis", "127.0.0.1:6379");
        Assert.NotNull(SiloSettingsReader.Read(on!, n => n == "SWEEP_REDIS_TLS" ? "true" : null, _dir.FullName).Redis.Tls);

        var (keyOnly, _, _, _) = Parse("--redis", "127.0.0.1:6379", "--redis-key", "k.pem");
        var noCertificate = Assert.Throws<FormatException>(() => SiloSettingsReader.Read(keyOnly!, _ => null, _dir.FullName));
        Assert.Equal("redis-key: needs redis-cert, the certificate the key belongs to", noCertificate.Message);
    }
}
