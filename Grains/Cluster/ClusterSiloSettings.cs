using System.Net;

namespace Sweep.Grains.Cluster;

/// <summary>What a cluster-mode silo needs to know: where Redis is, its own endpoints and ids, its slots.</summary>
public sealed record ClusterSiloSettings
{
    public const string DefaultClusterId = "sweep";
    public const string DefaultServiceId = "sweep";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public required RedisEndpoint Redis { get; init; }

    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    public int SiloPort { get; init; } = DefaultSiloPort;

    public int GatewayPort { get; init; } = DefaultGatewayPort;

    public string ClusterId { get; init; } = DefaultClusterId;

    public string ServiceId { get; init; } = DefaultServiceId;

    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>How often a running campaign's durable reminder re-starts its unfinished points.</summary>
    public TimeSpan ResumePeriod { get; init; } = TimeSpan.FromMinutes(1);
}
