namespace Sweep.Cluster.Tests;

/// <summary>A test that needs Docker and the docker-compose binary: skipped with the reason when either is missing, except in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        if (DockerComposeCli.Problem is { } problem && !DockerEnvironment.InCi)
        {
            Skip = DockerEnvironment.SkipReason(problem);
        }
    }
}
