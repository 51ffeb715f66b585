using Orleans.Configuration;

namespace Sweep.Grains.Cluster;

/// <summary>
/// How soon the membership table stops counting a silo that no longer writes its heartbeat.
/// A silo joining validates connectivity with every Active silo whose heartbeat is recent, so
/// a silo restarted alone after all silos died waits until its dead peers' heartbeats are
/// stale: with Orleans' defaults (a heartbeat every 30 s, 3 may be missed) that is 90 s, and
/// the campaign stood still for about 100 s. Here a heartbeat is written every 10 s and 2 may
/// be missed, so dead peers stop holding a lone silo back after 20 s.
/// </summary>
/// <remarks>
/// Staleness alone kills no silo: a silo is declared dead only after failed probes and votes,
/// which these settings leave at Orleans' defaults. A stale but live silo (Redis unreachable
/// for over 20 s) is only skipped by joining silos' connectivity check and counts as no voter
/// until its next heartbeat. The cost is one small Redis write per silo every 10 s.
/// </remarks>
public static class ClusterLiveness
{
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(10);

    public const int MissedHeartbeatsLimit = 2;

    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.IAmAliveTablePublishTimeout = HeartbeatPeriod;
        options.NumMissedTableIAmAliveLimit = MissedHeartbeatsLimit;
    }
}
