namespace Sweep.Cluster.Tests;

/// <summary>A test against real containers: skipped with the reason when Docker is unavailable, except in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerEnvironment.Problem is { } problem && !DockerEnvironment.InCi)
        {
            Skip = DockerEnvironment.SkipReason(problem);
        }
    }
}
