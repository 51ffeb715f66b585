using Sweep.Grains.Cluster;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>Where the Redis password comes from: a file or the environment, once, one line, never printed.</summary>
public sealed class RedisCredentialsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sweep-credentials-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static RedisCredentials? Read(string? user, string? file, Dictionary<string, string?> environment)
        => RedisCredentials.Read(user, file, n => environment.GetValueOrDefault(n), "--redis-password-file", "--redis-user");

    private string PasswordFile(string text)
    {
        string path = Path.Combine(_dir.FullName, "password");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void No_password_anywhere_means_no_credentials()
        => Assert.Null(Read(null, null, new()));

    [Fact]
    public void The_password_comes_from_the_environment_and_the_user_from_its_variable()
    {
        RedisCredentials c = Read(null, null, new() { ["SWEEP_REDIS_PASSWORD"] = "pw1", ["SWEEP_REDIS_USER"] = "sweep" })!;
        Assert.Equal("pw1", c.Password);
        Assert.Equal("sweep", c.User);
        Assert.Equal("user 'sweep' with a password", c.ToString());
    }

    [Fact]
    public void The_file_loses_its_final_line_break_only()
    {
        Assert.Equal(" pw 2 ", Read(null, PasswordFile(" pw 2 \n"), new())!.Password);
        Assert.Equal("pw3", Read("u", PasswordFile("pw3\r\n"), new())!.Password);
    }

    [Theory]
    [InlineData("pw\nmore\n", "holds more than one line")]
    [InlineData("\n", "is empty")]
    public void A_file_that_is_not_one_password_is_refused(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Read(null, PasswordFile(text), new()));
        Assert.StartsWith("--redis-password-file: '", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("more\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_the_file_and_the_variable_are_refused()
    {
        var e = Assert.Throws<FormatException>(() => Read(null, PasswordFile("a"), new() { ["SWEEP_REDIS_PASSWORD"] = "b" }));
        Assert.Equal("--redis-password-file: the Redis password is also set in SWEEP_REDIS_PASSWORD; give it one way only", e.Message);
    }

    [Fact]
    public void A_user_without_a_password_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => Read("sweep", null, new()));
        Assert.Equal("--redis-user: a Redis user needs a password: set SWEEP_REDIS_PASSWORD or pass --redis-password-file", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string missing = Path.Combine(_dir.FullName, "nope");
        var e = Assert.Throws<FormatException>(() => Read(null, missing, new()));
        Assert.StartsWith($"--redis-password-file: cannot read '{missing}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_text_never_holds_the_password()
    {
        var endpoint = new RedisEndpoint("10.0.0.5", 6379) { Credentials = new RedisCredentials(null, "hunter2") };
        Assert.Equal("10.0.0.5:6379", endpoint.ToString());
        Assert.DoesNotContain("hunter2", endpoint.ToConfigurationOptions().ToString(includePassword: false), StringComparison.Ordinal);
        Assert.Equal("hunter2", endpoint.ToConfigurationOptions().Password);
    }
}
