using System.Text.Json;

namespace Sweep.Physics.Tests;

/// <summary>One case of test_vectors.json.</summary>
internal sealed record TestVectorCase(int D, double Alpha, int N, double[] Positions, double[] Tau, double[] Mag, double[] Pur, double[] PSpin0, double Jnn);

/// <summary>Reads the kernel's reference cases, Data/test_vectors.json (fixed positions, C = 1).</summary>
internal static class TestVectorFile
{
    public static IReadOnlyList<TestVectorCase> Load()
    {
        string path = PhysicsTestData.PathOf("test_vectors.json");
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
