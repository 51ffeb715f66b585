using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Sweep.Client.Hosting.Local;

/// <summary>
/// How other commands reach a live local `sweep run`: the loopback gateway of its silo and the
/// cluster id it was started with, in `run.json` in the data directory. The file is readable by
/// its owner only (0600) and the cluster id is random per run, so another user on the same
/// machine cannot join the silo by guessing it. A record whose process is gone is stale: the
/// data directory's lock is then free (the lock dies with the process, even on SIGKILL).
/// </summary>
internal sealed record LocalRunRecord(int ProcessId, IPEndPoint Gateway, string ClusterId, string ServiceId, DateTimeOffset StartedUtc)
{
    public const string FileName = "run.json";

    public static string PathIn(DataDirectory data) => System.IO.Path.Combine(data.Path, FileName);

    /// <summary>Writes the record for this process, owner-only, replacing any stale one whole (written aside, then renamed).</summary>
    public void Write(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string path = PathIn(data);
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pid", ProcessId);
            writer.WriteString("gateway", Gateway.ToString());
            writer.WriteString("cluster_id", ClusterId);
            writer.WriteString("service_id", ServiceId);
            writer.WriteString("started_utc", StartedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes the record when the run ends (a crash leaves it behind, and readers then find it stale).</summary>
    public static void Remove(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        File.Delete(PathIn(data));
    }

    /// <summary>
    /// The record of the run that holds the data directory now, or null when there is none or
    /// it is stale. A run that holds the lock but has not written its record yet (its silo is
    /// starting) is waited for, up to <paramref name="startup"/>.
    /// </summary>
    public static LocalRunRecord? FindLive(DataDirectory data, TimeSpan startup)
    {
        ArgumentNullException.ThrowIfNull(data);
        DateTime deadline = DateTime.UtcNow + startup;
        while (true)
        {
            if (!Directory.Exists(data.Path) || !File.Exists(data.LockPath))
            {
                return null;
            }

            // Whoever holds the lock is the live run; if we get it, nobody does.
            using (FileStream? probe = data.TryLock())
            {
                if (probe is not null)
                {
                    return null;
                }
            }

            if (TryRead(PathIn(data)) is { } record)
            {
                return record;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            Thread.Sleep(100);
        }
    }

    private static LocalRunRecord? TryRead(string path)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            return new LocalRunRecord(
                root.GetProperty("pid").GetInt32(),
                IPEndPoint.Parse(root.GetProperty("gateway").GetString()!),
                root.GetProperty("cluster_id").GetString()!,
                root.GetProperty("service_id").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("started_utc").GetString()!, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Missing, half-written by an older run, or not ours: treated as no record.
            return null;
        }
    }
}
