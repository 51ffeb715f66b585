using Sweep.Campaigns;
using Sweep.Grains.Campaigns;

namespace Sweep.Grains.Tests.Campaigns;

/// <summary>The spec is parsed once, at submission: the tables are rebuilt from typed settings.</summary>
public sealed class CampaignTablesTests
{
    [Fact]
    public void A_table_rebuild_parses_no_spec()
    {
        // A spec that cannot parse proves nothing reads it: the typed setting is used.
        var state = new CampaignState { SpecJson = "not a spec", StrongDisorderMaxX = 0.02 };
        Assert.Equal(0.02, CampaignTables.Build(state, _ => null).StrongDisorderMaxX);
    }

    [Fact]
    public void A_state_stored_before_typed_settings_gets_them_from_its_spec_once()
    {
        string spec = """
            { "name": "old", "seed": 1, "strongDisorderMaxX": 0.003,
              "blocks": [ { "d": 1, "alpha": [2], "x": [0.001], "N": [8], "Ns": 4, "observables": ["mag"] } ] }
            """;
        var state = new CampaignState { SpecJson = CampaignSpecJson.Write(CampaignSpecParser.Parse(spec).GetSpecOrThrow()) };
        Assert.Equal(0.003, CampaignTables.TypedSettings(state));
        Assert.Equal(0.003, state.StrongDisorderMaxX);
    }
}
