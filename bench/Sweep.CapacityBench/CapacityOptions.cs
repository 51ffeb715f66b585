using System.Globalization;

namespace Sweep.CapacityBench;

/// <summary>The harness's command line; every duration in seconds.</summary>
internal sealed record CapacityOptions
{
    /// <summary>Silos x slots per silo, one run per scale.</summary>
    public List<(int Silos, int Slots)> Scales { get; init; } = [(10, 10), (100, 10), (10, 100)];

    /// <summary>Mean synthetic batch duration, s.</summary>
    public double BatchSeconds { get; init; } = 5;

    /// <summary>Log-normal spread (sigma) of batch durations around the mean.</summary>
    public double Spread { get; init; } = 0.25;

    public int TimePoints { get; init; } = 200;

    /// <summary>Grid points of the campaign; 0: one per 20 slots, 10 at least.</summary>
    public int Points { get; init; }

    /// <summary>Seconds from submission to the window's start; 0: 10 s or three batch durations, whichever is longer.</summary>
    public double Warmup { get; init; }

    /// <summary>Length of the measured window, s.</summary>
    public double Window { get; init; } = 20;

    /// <summary>Each slot's first batch waits a uniform fraction of its duration (see SyntheticComputation); --no-stagger: all start full.</summary>
    public bool Stagger { get; init; } = true;

    public string RedisServer { get; init; } = "redis-server";

    /// <summary>Redis maxmemory (noeviction), GiB: a safety cap well below this machine's 24 GiB.</summary>
    public double MaxRedisGiB { get; init; } = 6;

    public double WarmupSeconds => Warmup > 0 ? Warmup : Math.Max(10, 3 * BatchSeconds);

    public const string Usage =
        """
        usage: Sweep.CapacityBench [--scales 10x10,100x10,10x100] [--batch-seconds 5] [--spread 0.25]
                                   [--time-points 200] [--points 0] [--warmup 0] [--window 20]
                                   [--no-stagger] [--redis-server redis-server] [--max-redis-gib 6]
        Runs each scale (silos x slots per silo) in-process against a redis-server of its own and
        prints one row per scale; see docs/PERFORMANCE.md, "Capacity harness".
        """;

    public static CapacityOptions Parse(string[] args)
    {
        var o = new CapacityOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{name}: missing value");
            double Number() => double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture);
            o = name switch
            {
                "--scales" => o with { Scales = Value().Split(',').Select(ParseScale).ToList() },
                "--batch-seconds" => o with { BatchSeconds = Number() },
                "--spread" => o with { Spread = Number() },
                "--time-points" => o with { TimePoints = (int)Number() },
                "--points" => o with { Points = (int)Number() },
                "--warmup" => o with { Warmup = Number() },
                "--window" => o with { Window = Number() },
                "--no-stagger" => o with { Stagger = false },
                "--redis-server" => o with { RedisServer = Value() },
                "--max-redis-gib" => o with { MaxRedisGiB = Number() },
                _ => throw new FormatException($"{name}: unknown option"),
            };
        }

        return o;
    }

    private static (int, int) ParseScale(string text)
    {
        string[] parts = text.Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int silos) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int slots) || silos < 1 || slots < 1)
        {
            throw new FormatException($"--scales: '{text}' is not SILOSxSLOTS (for example 10x100)");
        }

        return (silos, slots);
    }
}
