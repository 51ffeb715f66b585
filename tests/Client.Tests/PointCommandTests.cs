using System.Text.Json;
using Sweep.Client;

namespace Sweep.Client.Tests;

public class PointCommandTests
{
    private static (int Code, string Out, string Err) Sweep(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Theory]
    [InlineData("--d", "4", "--d")]
    [InlineData("--d", "0", "--d")]
    [InlineData("--alpha", "2", "--alpha")]
    [InlineData("--alpha", "NaN", "--alpha")]
    [InlineData("--n", "1", "--n")]
    [InlineData("--ns", "0", "--ns")]
    [InlineData("--x", "0", "--x")]
    [InlineData("--x", "-1e-3", "--x")]
    [InlineData("--x", "3.2", "--x")]
    [InlineData("--x", "nan", "--x")]
    [InlineData("--time-unit", "seconds", "--time-unit")]
    [InlineData("--t-points", "1", "--t-points")]
    [InlineData("--t-points", "10001", "--t-points")]
    [InlineData("--t-points", "100000000", "--t-points")]
    [InlineData("--n", "1000000000", "--n")]
    [InlineData("--n", "20000000", "--n")]
    [InlineData("--threads", "1000000", "--threads")]
    [InlineData("--bogus", "1", "--bogus")]
    [InlineData("--kernel", "fast", "--kernel")]
    [InlineData("--kernel", "accelerated:-1", "--kernel")]
    [InlineData("--tolerance", "1e-8", "--tolerance")]
    [InlineData("--kernel-version", "2", "--kernel-version")]
    public void InvalidInputExitsNonZeroWithOneLineNamingTheOption(string option, string value, string named)
    {
        var args = new Dictionary<string, string>
        {
            ["--d"] = "3",
            ["--alpha"] = "6",
            ["--x"] = "1e-4",
            ["--n"] = "10",
            ["--ns"] = "4",
        };
        args[option] = value;
        var (code, stdout, stderr) = Sweep(new[] { "point" }.Concat(args.SelectMany(kv => new[] { kv.Key, kv.Value })).ToArray());
        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named + ":", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exact", "--tolerance", "1e-8", "--tolerance")]
    [InlineData("accelerated", "--tolerance", "0", "--tolerance")]
    [InlineData("accelerated", "--kernel-version", "6", "--kernel-version")]
    [InlineData("accelerated:1e-8", "--tolerance", "1e-8", "--tolerance")]
    public void ABadKernelSettingIsNamed(string kernel, string option, string value, string named)
    {
        var (code, stdout, stderr) = Sweep("point", "--d", "1", "--alpha", "2", "--x", "1e-3", "--n", "8", "--ns", "2", "--kernel", kernel, option, value);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($" {named}: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accelerated-v5:1E-10")]
    [InlineData("accelerated-v2:1E-10", "--kernel", "accelerated", "--kernel-version", "2")]
    [InlineData("accelerated-v3:1E-10", "--kernel", "accelerated", "--kernel-version", "3")]
    [InlineData("accelerated-v4:1E-10", "--kernel", "accelerated", "--kernel-version", "4")]
    [InlineData("accelerated-v5:1E-10", "--kernel", "accelerated", "--kernel-version", "5")]
    [InlineData("accelerated:1E-10", "--kernel", "accelerated")]
    [InlineData("accelerated:1E-08", "--kernel", "accelerated", "--tolerance", "1e-8")]
    [InlineData("accelerated:1E-08", "--kernel", "accelerated:1e-8")]
    [InlineData("accelerated-v2:1E-08", "--kernel", "accelerated:1e-8", "--kernel-version", "2")]
    [InlineData("exact", "--kernel", "exact")]
    public void KernelsAreNamedAndDefaultedAsInTheSpec(string expected, params string[] kernelOptions)
    {
        var (code, stdout, stderr) = Sweep(["point", "--d", "1", "--alpha", "2", "--x", "1e-3", "--n", "8", "--ns", "2", "--json", .. kernelOptions]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(expected, doc.RootElement.GetProperty("kernel").GetString());
    }

    [Fact]
    public void PointAndASpecWithoutKernelGetTheSameKernel()
    {
        var (_, stdout, _) = Sweep("point", "--d", "1", "--alpha", "2", "--x", "1e-3", "--n", "8", "--ns", "2", "--json");
        using var doc = JsonDocument.Parse(stdout);
        var spec = global::Sweep.Campaigns.CampaignSpecParser.Parse("""
            { "name": "k", "seed": 1, "blocks": [ { "d": 1, "alpha": [2], "x": [0.001], "N": [8], "Ns": 2, "observables": ["mag"] } ] }
            """).GetSpecOrThrow();
        Assert.Equal(spec.Kernel.Code, doc.RootElement.GetProperty("kernel").GetString());
    }

    [Fact]
    public void JsonHasEveryDocumentedFieldAndNoNaN()
    {
        var (code, stdout, stderr) = Sweep("point", "--d", "2", "--alpha", "3", "--x", "1e-3", "--n", "30", "--ns", "40", "--seed", "5", "--t-points", "60", "--json");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("NaN", stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        foreach (string key in new[]
        {
            "d", "alpha", "x", "N", "Ns", "seed", "time_unit", "t_unit", "t", "mag", "mag_sem", "pur", "pur_sem",
            "beta_inf", "gamma_m_inf", "gamma_p_inf", "jnn_ratio", "jnn_ratio_sem", "fit_mag", "fit_pur", "wall_s",
        })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.Equal(60, root.GetProperty("t").GetArrayLength());
        Assert.Equal(1.0 / 1.5, root.GetProperty("beta_inf").GetDouble(), 15);
        JsonElement fit = root.GetProperty("fit_mag");
        foreach (string key in new[] { "A", "gamma", "beta", "A_err", "gamma_err", "beta_err", "beta_err_jackknife", "window" })
        {
            Assert.True(fit.TryGetProperty(key, out _), $"fit_mag lacks {key}");
        }

        JsonElement window = fit.GetProperty("window");
        Assert.True(window.GetProperty("i1").GetInt32() - window.GetProperty("i0").GetInt32() >= 4);
        Assert.InRange(fit.GetProperty("beta").GetDouble(), 0.3, 0.8);
        Assert.True(fit.GetProperty("beta_err_jackknife").GetDouble() > 0);
    }

    [Fact]
    public void SameSeedGivesTheSameBitsWhateverTheThreadCount()
    {
        string[] args = { "point", "--d", "1", "--alpha", "2", "--x", "1e-2", "--n", "12", "--ns", "37", "--seed", "9", "--t-points", "50", "--json" };
        var one = Sweep(args.Append("--threads").Append("1").ToArray());
        var two = Sweep(args.Append("--threads").Append("2").ToArray());
        using var a = JsonDocument.Parse(one.Out);
        using var b = JsonDocument.Parse(two.Out);
        foreach (string key in new[] { "mag", "mag_sem", "pur", "pur_sem" })
        {
            Assert.Equal(a.RootElement.GetProperty(key).GetRawText(), b.RootElement.GetProperty(key).GetRawText());
        }

        Assert.Equal(a.RootElement.GetProperty("fit_mag").GetRawText(), b.RootElement.GetProperty("fit_mag").GetRawText());
    }
}
