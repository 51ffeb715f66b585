using System.Text.Json;
using Sweep.Physics.Analytic;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Analytic;

public class ThermodynamicLimitTests
{
    public static TheoryData<int, int> Rows()
    {
        var data = new TheoryData<int, int>();
        foreach (JsonElement row in Table().EnumerateArray())
        {
            data.Add(row.GetProperty("d").GetInt32(), row.GetProperty("alpha").GetInt32());
        }

        return data;
    }

    private static JsonElement Table()
        => JsonDocument.Parse(File.ReadAllText(PhysicsTestData.PathOf("analytic.json"))).RootElement.GetProperty("rows");

    private static void Close(double expected, double actual, string what)
        => Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(Rows))]
    public void MatchesTheAnalyticTable(int d, int alpha)
    {
        JsonElement row = Table().EnumerateArray().Single(r => r.GetProperty("d").GetInt32() == d && r.GetProperty("alpha").GetInt32() == alpha);
        double Get(string name) => row.GetProperty(name).GetDouble();
        Close(Get("beta"), ThermodynamicLimit.Beta(d, alpha), "beta");
        Close(Get("rate_factor"), ThermodynamicLimit.RateFactor(d, alpha), "R");
        Close(Get("kappa"), ThermodynamicLimit.Kappa(d, alpha, 1.0), "kappa");
        Close(Get("gamma_m"), ThermodynamicLimit.GammaM(d, alpha, 1.0), "gamma_m");
        Close(Get("gamma_p"), ThermodynamicLimit.GammaP(d, alpha, 1.0), "gamma_p");
        Close(Get("jnn_poisson"), ThermodynamicLimit.JnnInf(d, alpha, 1.0), "J_NN,inf");
        Close(Get("gamma_m_over_jnn"), ThermodynamicLimit.GammaMOverJnn(d, alpha), "gamma_m / J_NN,inf");
        Close(Get("gamma_p_over_jnn"), ThermodynamicLimit.GammaPOverJnn(d, alpha), "gamma_p / J_NN,inf");
        double gm = ThermodynamicLimit.GammaM(d, alpha, 1.0), gp = ThermodynamicLimit.GammaP(d, alpha, 1.0);
        Close(Get("mag_at_tau_1"), Math.Exp(-Math.Pow(gm, ThermodynamicLimit.Beta(d, alpha))), "mag(tau = 1)");
        Close(Get("pur_part_at_tau_1"), Math.Exp(-Math.Pow(gp, ThermodynamicLimit.Beta(d, alpha))), "pur(tau = 1)");
    }

    [Fact]
    public void AlphaEqualToDIsThePureExponentialLimitAndContinuous()
    {
        Assert.Equal(Math.PI / 2, ThermodynamicLimit.RateFactor(2, 2.0));
        Assert.Equal(Math.PI / 2, ThermodynamicLimit.RateFactor(2, 2.0 + 1e-9), 1e-7);
    }

    [Theory]
    [InlineData(1, 10.0)]
    [InlineData(3, 6.0)]
    [InlineData(2, 2.0)]
    public void TimeGridSpansFromMag09995ToPur1e3(int d, double alpha)
    {
        double[] t = TimeGrid.Create(d, alpha, 200);
        Assert.Equal(200, t.Length);
        Assert.Equal(0.9995, ThermodynamicLimit.Mag(d, alpha, t[0]), 1e-12);
        Assert.Equal(1e-3, ThermodynamicLimit.Pur(d, alpha, t[^1]), 1e-12);
        for (int k = 1; k < t.Length; k++)
        {
            Assert.True(t[k] > t[k - 1]);
        }
    }
}
