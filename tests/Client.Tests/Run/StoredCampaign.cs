using Sweep.Client.Hosting.Local;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;

namespace Sweep.Client.Tests.Run;

/// <summary>
/// A finished campaign as stored in a data directory, read back through a local silo on that
/// store (no `sweep table --format json` yet), and compared with another bit for bit.
/// </summary>
public sealed record StoredCampaign(CampaignStatus Status, PointResult[] Results, ScalingTable Table)
{
    public static async Task<StoredCampaign> ReadAsync(string dataDirectory, string name)
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(DataDirectory.Resolve(dataDirectory), 1, CancellationToken.None);
        var campaign = cluster.Grains.GetGrain<ICampaignGrain>(name);
        return new StoredCampaign(await campaign.GetStatus(), await campaign.GetResults(), await campaign.GetTable());
    }

    /// <summary>Batch results in the store, read straight from the file.</summary>
    public static int StoredBatches(string dataDirectory)
    {
        string db = Path.Combine(dataDirectory, "sweep.db");
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var reader = SqliteStateReader.Open(db);
            return reader.ReadAll().Count(r => r.StateName == "batch");
        }
        catch (SqliteStorageSchemaException)
        {
            // The run has created the file but not its tables yet: nothing is stored.
            return 0;
        }
    }

    public void AssertSameBits(StoredCampaign other)
    {
        Assert.Equal(Results.Length, other.Results.Length);
        foreach (PointResult a in Results)
        {
            PointResult b = Assert.Single(other.Results, r => r.Key == a.Key);
            string at = a.Key.GrainKey;
            Assert.Equal(a.Realizations, b.Realizations);
            Bits(at + " t", a.T, b.T);
            Bits(at + " mag", a.Mag, b.Mag);
            Bits(at + " magSem", a.MagSem, b.MagSem);
            Bits(at + " pur", a.Pur, b.Pur);
            Bits(at + " purSem", a.PurSem, b.PurSem);
            Bits(at + " jnn", [a.JnnRatio, a.JnnRatioSem], [b.JnnRatio, b.JnnRatioSem]);
            Fit(at + " fitMag", a.FitMag, b.FitMag);
            Fit(at + " fitPur", a.FitPur, b.FitPur);
        }

        Assert.Equal(Table.Partial, other.Table.Partial);
        Assert.Equal(Table.Deviations.Length, other.Table.Deviations.Length);
        for (int i = 0; i < Table.Deviations.Length; i++)
        {
            DeviationRow a = Table.Deviations[i];
            DeviationRow b = other.Table.Deviations[i];
            Assert.Equal((a.D, a.Observable, a.N, a.XCount), (b.D, b.Observable, b.N, b.XCount));
            Bits($"deviation {i}", [a.Alpha, a.MeanBeta, a.BetaStd, a.BetaJackknifeError, a.Deviation], [b.Alpha, b.MeanBeta, b.BetaStd, b.BetaJackknifeError, b.Deviation]);
        }

        Assert.Equal(Table.Exponents.Length, other.Table.Exponents.Length);
        for (int i = 0; i < Table.Exponents.Length; i++)
        {
            ExponentRow a = Table.Exponents[i];
            ExponentRow b = other.Table.Exponents[i];
            Assert.Equal((a.D, a.Observable, a.Weighted, a.Error), (b.D, b.Observable, b.Weighted, b.Error));
            Assert.Equal(a.N, b.N);
            Assert.Equal(a.Ns, b.Ns);
            Bits($"exponent {i}", [a.Alpha, a.BetaInf, a.P, a.PErr, a.Amplitude], [b.Alpha, b.BetaInf, b.P, b.PErr, b.Amplitude]);
        }
    }

    private static void Fit(string what, FitData a, FitData b)
    {
        Assert.Equal((a.Error, a.JackknifeNote, a.I0, a.I1), (b.Error, b.JackknifeNote, b.I0, b.I1));
        Bits(what, [a.A, a.Gamma, a.Beta, a.AErr, a.GammaErr, a.BetaErr, a.BetaJackknifeError, a.T0, a.T1], [b.A, b.Gamma, b.Beta, b.AErr, b.GammaErr, b.BetaErr, b.BetaJackknifeError, b.T0, b.T1]);
    }

    private static void Bits(string what, double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(a[i]) == BitConverter.DoubleToInt64Bits(b[i]),
                $"{what}[{i}]: {a[i]:R} vs {b[i]:R}");
        }
    }
}
