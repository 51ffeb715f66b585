using System.Text.Json;
using Sweep.Client.Output;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Tests.Output;

/// <summary>
/// The JSON documents keep the keys, their order and the null-for-non-finite rule that scripts
/// reading `sweep status --json`, `sweep table --format json` and export's table.json rely on.
/// </summary>
public sealed class JsonDocumentTests
{
    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void TheTableDocumentHasItsKeysInOrderAndNullsForMissingNumbers()
    {
        var key = new PointKey("c", 3, 6, 1e-4, 50);
        var fit = new FitData(null, 1, 2, 0.45, 0.1, 0.2, 0.01, 0.02, null, 3, 40, 0.5, 9.5);
        var table = new ScalingTable(
            [new DeviationRow(3, 6, Observable.Mag, 50, 2, 0.45, 0.01, 0.02, 0.05)],
            [new ExponentRow(3, 6, Observable.Mag, 0.5, [25, 50], [10, 12], double.NaN, double.PositiveInfinity, 1.5, true, "too few points")],
            0.01,
            Partial: false);
        PointSummary[] points = [new PointSummary(key, PointStatus.Done, 12, 12, 2, 2, fit, null, null, [Observable.Mag])];

        using var doc = JsonDocument.Parse(TableWriter.Render(table, points, "json"));
        JsonElement root = doc.RootElement;
        Assert.Equal(["strong_disorder_max_x", "partial", "convention", "exponents", "deviations", "points"], Keys(root));
        JsonElement exponent = root.GetProperty("exponents")[0];
        Assert.Equal(["d", "alpha", "beta_inf", "observable", "p", "p_err", "amplitude", "weighted", "N", "Ns", "error"], Keys(exponent));
        Assert.Equal(JsonValueKind.Null, exponent.GetProperty("p").ValueKind);
        Assert.Equal(JsonValueKind.Null, exponent.GetProperty("p_err").ValueKind);
        Assert.Equal(["d", "alpha", "observable", "N", "x_count", "mean_beta", "beta_std_over_x", "beta_jackknife_error", "deviation"], Keys(root.GetProperty("deviations")[0]));
        JsonElement point = root.GetProperty("points")[0];
        Assert.Equal(["d", "alpha", "x", "N", "status", "realizations", "beta_mag", "beta_mag_jackknife", "beta_pur", "beta_pur_jackknife", "target_beta_error", "target_outcome"], Keys(point));
        Assert.Equal("done", point.GetProperty("status").GetString());
        Assert.Equal(0.45, point.GetProperty("beta_mag").GetDouble());
        Assert.Equal(JsonValueKind.Null, point.GetProperty("beta_pur").ValueKind);
        Assert.Equal(JsonValueKind.Null, point.GetProperty("target_beta_error").ValueKind);
        Assert.Equal(JsonValueKind.Null, point.GetProperty("target_outcome").ValueKind);
    }

    [Fact]
    public void A_target_point_shows_its_Ns_achieved_error_target_and_outcome_in_every_table_format()
    {
        var key = new PointKey("c", 1, 2, 0.01, 8);
        var fit = new FitData(null, 1, 2, 0.45, 0.1, 0.2, 0.01, 0.0025, null, 3, 40, 0.5, 9.5);
        var table = new ScalingTable([], [], 0.01, Partial: false);
        PointSummary[] points =
        [
            new PointSummary(key, PointStatus.Done, 1400, 1400, 7, 7, fit, fit, null, [Observable.Mag, Observable.Pur], new TargetData(0.003, [Observable.Mag, Observable.Pur], 200, 2000, 200), "reached", 2, 400),
        ];

        using var doc = JsonDocument.Parse(TableWriter.Render(table, points, "json"));
        JsonElement point = doc.RootElement.GetProperty("points")[0];
        Assert.Equal((1400, 0.0025, 0.003, "reached"), (point.GetProperty("realizations").GetInt64(), point.GetProperty("beta_mag_jackknife").GetDouble(), point.GetProperty("target_beta_error").GetDouble(), point.GetProperty("target_outcome").GetString()));

        string csv = TableWriter.Render(table, points, "csv");
        Assert.Contains("beta_pur_jackknife,Ns,target_beta_error,target_outcome", csv);
        Assert.Contains(",1400,0.003,reached", csv);

        string text = TableWriter.Render(table, points, "text");
        Assert.Contains("0.4500 +- 0.0025", text);
        Assert.Contains("1400", text);
        Assert.Contains("reached (<= 0.003 on mag+pur, maxNs 2000)", text);
    }

    [Fact]
    public void AnExponentWithoutErrorHasNoErrorKey()
    {
        var table = new ScalingTable([], [new ExponentRow(1, 2, Observable.Pur, 0.5, [4, 8, 16], [1, 1, 1], 0.3, 0.1, 2, false, null)], 0.01, Partial: true);
        using var doc = JsonDocument.Parse(TableWriter.Render(table, [], "json"));
        Assert.False(doc.RootElement.GetProperty("exponents")[0].TryGetProperty("error", out _));
        Assert.True(doc.RootElement.GetProperty("partial").GetBoolean());
    }
}
