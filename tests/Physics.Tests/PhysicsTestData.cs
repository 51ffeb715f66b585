namespace Sweep.Physics.Tests;

/// <summary>
/// Locates the reference data the physics tests compare against (the kernel's test vectors and
/// the thermodynamic-limit table, both computed independently of this code). They live in the
/// project's Data folder and are copied beside the test binaries, so a clone needs nothing else.
/// </summary>
internal static class PhysicsTestData
{
    public static string PathOf(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"physics test data missing: {path} (tests/Physics.Tests/Data/{fileName} is copied there on build)", path);
        }

        return path;
    }
}
