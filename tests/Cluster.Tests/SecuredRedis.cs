using System.Globalization;
using System.Security.Cryptography;
using Sweep.Grains.Cluster;
using Sweep.Tests.Certificates;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A Redis that closes the door, as the deploy files run it: a password from a 0600 config file
/// (never a redis-server argument), optionally TLS only (no plain port) with certificates made at
/// test time and client certificates required. The files live in a temporary directory that is
/// bind-mounted read-only: redis/ into the Redis container, client/ into the silos.
/// </summary>
internal sealed class SecuredRedis : IDisposable
{
    public const string MountPoint = "/secure";

    private readonly TestCertificates? _certificates;

    private SecuredRedis(bool tls)
    {
        // Hex only, so a search of any output finds it however it was quoted.
        Password = "pw" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        Directory = System.IO.Directory.CreateTempSubdirectory("sweep-secured-redis-").FullName;
        System.IO.Directory.CreateDirectory(RedisDirectory);
        System.IO.Directory.CreateDirectory(ClientDirectory);
        if (tls)
        {
            _certificates = TestCertificates.Create();
            _certificates.WriteTo(RedisDirectory);
            _certificates.WriteTo(ClientDirectory);
        }

        PasswordFile = Path.Combine(ClientDirectory, "redis-password");
        WriteOwnerOnly(PasswordFile, Password + "\n");
    }

    public string Password { get; }

    public bool Tls => _certificates is not null;

    /// <summary>The host directory; <see cref="MountPoint"/> in the containers.</summary>
    public string Directory { get; }

    /// <summary>On the host: the file holding the password, mode 0600.</summary>
    public string PasswordFile { get; }

    private string RedisDirectory => Path.Combine(Directory, "redis");

    private string ClientDirectory => Path.Combine(Directory, "client");

    public static SecuredRedis WithPassword() => new(tls: false);

    public static SecuredRedis WithPasswordAndTls() => new(tls: true);

    /// <summary>Host path of a client-side file (CA, client certificate and key) for the in-process `sweep`.</summary>
    public string ClientFile(string name) => Path.Combine(ClientDirectory, name);

    /// <summary>redis-server's arguments: the 0600 config file first, then the test's own port and persistence.</summary>
    public IReadOnlyList<string> RedisCommand(int port)
    {
        var conf = new List<string> { $"requirepass {Password}" };
        string portSettings = $"--port {port.ToString(CultureInfo.InvariantCulture)}";
        if (Tls)
        {
            conf.AddRange(
            [
                $"tls-cert-file {MountPoint}/redis/{TestCertificates.ServerCertificateFile}",
                $"tls-key-file {MountPoint}/redis/{TestCertificates.ServerKeyFile}",
                $"tls-ca-cert-file {MountPoint}/redis/{TestCertificates.CaFile}",
                "tls-auth-clients yes",
            ]);
            portSettings = $"--port 0 --tls-port {port.ToString(CultureInfo.InvariantCulture)}";
        }

        WriteOwnerOnly(Path.Combine(RedisDirectory, "redis.conf"), string.Join('\n', conf) + "\n");
        return [$"{MountPoint}/redis/redis.conf", "--bind", "127.0.0.1", "--protected-mode", "yes", .. portSettings.Split(' '), "--dir", "/data", "--save", string.Empty, "--appendonly", "yes", "--appendfsync", "always"];
    }

    /// <summary>The silo's extra arguments (TLS files inside the container); the password comes from its environment.</summary>
    public IReadOnlyList<string> SiloArguments()
        => Tls
            ? ["--redis-ca", $"{MountPoint}/client/{TestCertificates.CaFile}", "--redis-cert", $"{MountPoint}/client/{TestCertificates.ClientCertificateFile}", "--redis-key", $"{MountPoint}/client/{TestCertificates.ClientKeyFile}"]
            : [];

    /// <summary>`sweep`'s options on the host: the password file and, with TLS, the CA and client certificate.</summary>
    public string[] ClientOptions()
        => Tls
            ? ["--redis-password-file", PasswordFile, "--redis-ca", ClientFile(TestCertificates.CaFile), "--redis-cert", ClientFile(TestCertificates.ClientCertificateFile), "--redis-key", ClientFile(TestCertificates.ClientKeyFile)]
            : ["--redis-password-file", PasswordFile];

    /// <summary>The endpoint with this Redis' password and TLS settings, for the tests' own client.</summary>
    public RedisEndpoint Endpoint(int port)
        => new("127.0.0.1", port)
        {
            Credentials = new RedisCredentials(null, Password),
            Tls = Tls
                ? RedisTls.Read(true, ClientFile(TestCertificates.CaFile), ClientFile(TestCertificates.ClientCertificateFile), ClientFile(TestCertificates.ClientKeyFile), ("tls", "ca", "cert", "key"))
                : null,
        };

    public void Dispose()
    {
        _certificates?.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        using (File.Create(path))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, text);
    }
}
