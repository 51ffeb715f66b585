using System.Text.Json;

namespace Sweep.Physics.Tests;

/// <summary>One case of the shared test_vectors.json.</summary>
internal sealed record TestVectorCase(int D, double Alpha, int N, double[] Positions, double[] Tau, double[] Mag, double[] Pur, double[] PSpin0, double Jnn);

/// <summary>
/// Reads ../shared/physics/test_vectors.json beside the repository. The repository root is the
/// first folder above the test binaries holding Sweep.sln, so the tests find the data from any
/// worktree or checkout without configuration.
/// </summary>
internal static class TestVectorFile
{
    public static string FindPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sweep.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new FileNotFoundException($"no folder above {AppContext.BaseDirectory} holds Sweep.sln");
        }

        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "physics", "test_vectors.json"));
    }

    public static IReadOnlyList<TestVectorCase> Load()
    {
        string path = FindPath();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the shared test vectors are missing: {path}", path);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new List<TestVectorCase>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            int d = c.GetProperty("d").GetInt32();
            var positions = c.GetProperty("positions").EnumerateArray().SelectMany(p => p.EnumerateArray().Select(x => x.GetDouble())).ToArray();
            cases.Add(new TestVectorCase(
                d,
                c.GetProperty("alpha").GetDouble(),
                c.GetProperty("N").GetInt32(),
                positions,
                Doubles(c, "tau"),
                Doubles(c, "mag"),
                Doubles(c, "pur"),
                Doubles(c, "P_spin0"),
                c.GetProperty("jnn").GetDouble()));
        }

        return cases;
    }

    private static double[] Doubles(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble()).ToArray();
}
