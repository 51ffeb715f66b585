namespace Sweep.Cluster.Tests;

/// <summary>A test that needs redis-server on the PATH: skipped with the reason without it, except under CI=true, where it fails.</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (RedisServerProcess.Executable is null && !DockerEnvironment.InCi)
        {
            Skip = "needs redis-server on the PATH (Debian: apt-get install redis-server; scripts/provision-slurm installs it)";
        }
    }
}
