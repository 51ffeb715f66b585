using System.Text.Json.Nodes;

namespace Sweep.Campaigns.Tests;

/// <summary>A small valid spec as editable JSON, so each test changes just the field it is about.</summary>
internal static class Specs
{
    public const string Valid = """
        {
          "name": "t",
          "seed": 1,
          "blocks": [
            { "d": 1, "alpha": [1, 3], "x": [0.001, 0.01], "N": [8, 16], "Ns": 10, "observables": ["mag", "pur"] },
            { "d": 3, "alpha": [6], "x": [0.001], "N": [32], "Ns": 5, "observables": ["pur"] }
          ]
        }
        """;

    public static JsonObject Node() => JsonNode.Parse(Valid)!.AsObject();

    public static JsonObject Block(JsonObject spec, int index) => spec["blocks"]![index]!.AsObject();

    public static CampaignSpec Parse(string json) => CampaignSpecParser.Parse(json).GetSpecOrThrow();

    public static CampaignSpec With(Action<JsonObject> edit)
    {
        JsonObject node = Node();
        edit(node);
        return Parse(node.ToJsonString());
    }

    /// <summary>The errors of a spec that must be rejected; fails the test if it parses.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        SpecParseResult result = CampaignSpecParser.Parse(json);
        Assert.False(result.IsValid, "spec was accepted but should have been rejected");
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    public static IReadOnlyList<string> ErrorsAfter(Action<JsonObject> edit)
    {
        JsonObject node = Node();
        edit(node);
        return Errors(node.ToJsonString());
    }
}
