namespace Sweep.Slurm.Tests;

/// <summary>The test campaigns, written to files as a user would submit them.</summary>
internal static class Campaigns
{
    /// <summary>6 points, 180 batches: seconds on two slots.</summary>
    public const string Small = """
        {
          "name": "slurm-small",
          "seed": 21,
          "timePoints": 60,
          "timeUnit": "common",
          "batchSize": 10,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [1, 3], "x": [0.001], "N": [192, 256, 384], "Ns": 300, "observables": ["mag", "pur"] }
          ]
        }
        """;

    /// <summary>Two N = 512 points in 600 batches: about 45 s on two slots, long enough to be stopped midway.</summary>
    public static string Long(string name, int ns) => $$"""
        {
          "name": "{{name}}",
          "seed": 22,
          "timePoints": 60,
          "timeUnit": "common",
          "batchSize": 10,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [1, 3], "x": [0.001], "N": [512], "Ns": {{ns}}, "observables": ["mag", "pur"] }
          ]
        }
        """;

    public static string Write(string json, string name)
    {
        string path = Path.Combine(Scratch.Directory("spec"), name + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
