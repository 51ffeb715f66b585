using System.Net;

namespace Sweep.Grains.Cluster;

/// <summary>What a cluster-mode silo needs to know: where Redis is, its own endpoints and ids, its slots.</summary>
public sealed record ClusterSiloSettings
{
    public const string DefaultClusterId = "sweep";
    public const string DefaultServiceId = "sweep";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>
    /// Default period of a running campaign's durable reminder, in seconds. It bounds how long a
    /// campaign waits after its silos all came back; while the campaign grain is active its own
    /// 5 s timer does the same work, so a tick costs little. Orleans calls reminders under a
    /// minute high-frequency and warns once at start; one per running campaign is no load.
    /// </summary>
    public const int DefaultResumeSeconds = 15;

    public required RedisEndpoint Redis { get; init; }

    /// <summary>Mutual TLS between silos and with clients; null: plain TCP, open to whoever reaches the ports.</summary>
    public ClusterTls? Tls { get; init; }

    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    public int SiloPort { get; init; } = DefaultSiloPort;

    public int GatewayPort { get; init; } = DefaultGatewayPort;

    public string ClusterId { get; init; } = DefaultClusterId;

    public string ServiceId { get; init; } = DefaultServiceId;

    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>Memory each compute slot may use, in bytes; null measures it (Compute/SlotMemory).</summary>
    public long? MemoryPerSlot { get; init; }

    /// <summary>The Prometheus endpoint's port, or null for none.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>The address the Prometheus endpoint binds: loopback unless told otherwise.</summary>
    public IPAddress MetricsListen { get; init; } = IPAddress.Loopback;

    /// <summary>How often a running campaign's durable reminder re-starts its unfinished points.</summary>
    public TimeSpan ResumePeriod { get; init; } = TimeSpan.FromSeconds(DefaultResumeSeconds);
}
