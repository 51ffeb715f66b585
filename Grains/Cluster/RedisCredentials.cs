namespace Sweep.Grains.Cluster;

/// <summary>
/// The password (and optional ACL user) a silo or command gives Redis. The password is read from
/// an environment variable or a file, never from the command line where `ps` shows it, and this
/// type never prints it: its text names the user only.
/// </summary>
public sealed class RedisCredentials
{
    /// <summary>The environment variable holding the password (the silo and every command read it).</summary>
    public const string PasswordVariable = "SWEEP_REDIS_PASSWORD";

    /// <summary>The environment variable holding the ACL user (optional; Redis' "default" user when absent).</summary>
    public const string UserVariable = "SWEEP_REDIS_USER";

    public RedisCredentials(string? user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        User = string.IsNullOrEmpty(user) ? null : user;
        Password = password;
    }

    /// <summary>The ACL user, or null for Redis' default user (plain `requirepass`).</summary>
    public string? User { get; }

    /// <summary>The secret itself: only ever handed to the Redis connection, never formatted.</summary>
    public string Password { get; }

    public override string ToString() => User is null ? "a password" : $"user '{User}' with a password";

    /// <summary>
    /// The credentials from the password file or the environment, or null when neither gives a
    /// password. Throws <see cref="FormatException"/> naming the setting at fault.
    /// </summary>
    /// <param name="user">The ACL user as given by an option, else null (then <see cref="UserVariable"/> is read).</param>
    /// <param name="passwordFile">The path of the file holding the password, or null.</param>
    /// <param name="fileSetting">How the password file setting is spelled where it was given (e.g. --redis-password-file).</param>
    /// <param name="userSetting">How the user setting is spelled where it was given (e.g. --redis-user).</param>
    public static RedisCredentials? Read(string? user, string? passwordFile, Func<string, string?> environment, string fileSetting, string userSetting)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? fromEnvironment = environment(PasswordVariable);
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            fromEnvironment = null;
        }

        user ??= environment(UserVariable) is { Length: > 0 } u ? u : null;
        if (user is not null && string.IsNullOrWhiteSpace(user))
        {
            throw new FormatException($"{userSetting}: is empty");
        }

        string? password;
        if (passwordFile is not null)
        {
            if (fromEnvironment is not null)
            {
                throw new FormatException($"{fileSetting}: the Redis password is also set in {PasswordVariable}; give it one way only");
            }

            password = ReadPasswordFile(passwordFile, fileSetting);
        }
        else
        {
            password = fromEnvironment;
        }

        if (password is null)
        {
            return user is null
                ? null
                : throw new FormatException($"{userSetting}: a Redis user needs a password: set {PasswordVariable} or pass {fileSetting}");
        }

        return password.Contains('\n', StringComparison.Ordinal) || password.Contains('\r', StringComparison.Ordinal)
            ? throw new FormatException(passwordFile is null ? $"{PasswordVariable}: holds a line break; a Redis password is one line" : $"{fileSetting}: '{passwordFile}' holds more than one line; a Redis password is one line")
            : new RedisCredentials(user, password);
    }

    /// <summary>The file's text without its final line break (editors and `echo` add one).</summary>
    private static string ReadPasswordFile(string path, string setting)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new FormatException($"{setting}: is empty");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new FormatException($"{setting}: cannot read '{path}': {e.Message.TrimEnd('.')}");
        }

        text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        return text.Length > 0 ? text : throw new FormatException($"{setting}: '{path}' is empty; it must hold the Redis password");
    }
}
