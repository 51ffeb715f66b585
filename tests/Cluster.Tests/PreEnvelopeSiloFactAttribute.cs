namespace Sweep.Cluster.Tests;

/// <summary>
/// A test that needs `sweep-silo:pre-envelope`, the silo of the last build before the stored
/// payloads' envelope, which scripts/provision-docker builds from the repository's history. A
/// clone without that history (a shallow one) cannot build it: the test is then skipped with the
/// reason, in CI too, rather than failing every other cluster test with it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PreEnvelopeSiloFactAttribute : FactAttribute
{
    public const string Image = "sweep-silo:pre-envelope";

    public PreEnvelopeSiloFactAttribute()
    {
        if (DockerEnvironment.Problem is { } problem && !DockerEnvironment.InCi)
        {
            Skip = DockerEnvironment.SkipReason(problem);
        }
        else if (DockerEnvironment.Problem is null && DockerCli.Run(TimeSpan.FromSeconds(20), "image", "inspect", Image).ExitCode != 0)
        {
            Skip = $"image {Image} is missing: scripts/provision-docker builds it from commit d6a13ee, which this clone's history lacks";
        }
    }
}
