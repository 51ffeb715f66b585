using System.Text.Json.Nodes;

namespace Sweep.Campaigns.Tests;

public class CampaignSpecJsonTests
{
    [Fact]
    public void MinimalSpecRoundTrips()
    {
        CampaignSpec spec = Specs.Parse(Specs.Valid);
        Assert.Equal(spec, Specs.Parse(CampaignSpecJson.Write(spec)));
    }

    [Fact]
    public void EverySettingRoundTripsIncludingTheLargestSeed()
    {
        CampaignSpec spec = Specs.With(s =>
        {
            s["seed"] = ulong.MaxValue;
            s["description"] = "quotes \" and 'apostrophes', accents é, newline\n";
            s["timePoints"] = 17;
            s["timeUnit"] = "per-realization";
            s["fitWindow"] = new JsonArray(0.9, 0.1);
            s["strongDisorderMaxX"] = 0.1 + 0.2;
            s["batchSize"] = 3;
            Specs.Block(s, 0)["alpha"] = new JsonArray(1, 1.0000000000000002, Math.PI);
            Specs.Block(s, 0)["x"] = new JsonArray(1e-300, 1.4951999999999999);
        });
        Assert.Equal(ulong.MaxValue, spec.Seed);

        string json = CampaignSpecJson.Write(spec);

        Assert.Contains("18446744073709551615", json, StringComparison.Ordinal);
        Assert.Equal(spec, Specs.Parse(json));
    }

    [Fact]
    public void WritingIsCanonical()
    {
        // The same spec typed differently (key order, 6 vs 6.0, observable order) writes the same text.
        CampaignSpec a = Specs.Parse("""
            { "name": "c", "seed": 5, "blocks": [ { "d": 3, "alpha": [6], "x": [0.01], "N": [8], "Ns": 2, "observables": ["pur", "mag"] } ] }
            """);
        CampaignSpec b = Specs.Parse("""
            { "blocks": [ { "observables": ["mag", "pur"], "Ns": 2, "N": [8], "x": [1e-2], "alpha": [6.0], "d": 3 } ], "seed": 5, "name": "c", "timePoints": 200 }
            """);

        Assert.Equal(a, b);
        Assert.Equal(CampaignSpecJson.Write(a), CampaignSpecJson.Write(b));
    }

    [Fact]
    public void InequalityIsDetected()
    {
        // Guards the round-trip tests: value equality must see a change deep inside a block.
        CampaignSpec spec = Specs.Parse(Specs.Valid);
        CampaignSpec changed = Specs.With(s => Specs.Block(s, 0)["x"] = new JsonArray(0.001, 0.011));
        Assert.NotEqual(spec, changed);
    }
}
