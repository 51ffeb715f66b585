namespace Sweep.Cluster.Tests;

/// <summary>
/// The campaign the cluster tests run: 6 points, 180 batches, a few seconds on three one-slot
/// silos. The failure tests strike at its first stored results (polled every 200 ms), so it must
/// last well beyond that: with N = 8..16 it finished within one poll once silos leased a batch
/// ahead per slot.
/// </summary>
internal static class Specs
{
    public const string Name = "cluster-test";

    public const int Ns = 300;

    public const int BatchSize = 10;

    public const string Small = """
        {
          "name": "cluster-test",
          "seed": 11,
          "timePoints": 60,
          "timeUnit": "common",
          "batchSize": 10,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [1, 3], "x": [0.001], "N": [192, 256, 384], "Ns": 300, "observables": ["mag", "pur"] }
          ]
        }
        """;

    public const string LongName = "cluster-long";

    /// <summary>
    /// Two points of N = 512 in 400 batches: close to a minute on one slot (800 realizations took
    /// 10 to 13 s), long enough for silos to join and die under it.
    /// </summary>
    public const string Long = """
        {
          "name": "cluster-long",
          "seed": 12,
          "timePoints": 60,
          "timeUnit": "common",
          "batchSize": 10,
          "kernel": { "name": "exact" },
          "blocks": [
            { "d": 1, "alpha": [1, 3], "x": [0.001], "N": [512], "Ns": 2000, "observables": ["mag", "pur"] }
          ]
        }
        """;
}
