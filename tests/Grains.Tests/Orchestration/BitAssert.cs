using Sweep.Grains.Interfaces;
using Sweep.Physics.Fits;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// Compares what a campaign stored with a <see cref="StraightRun"/>, every double by its bits
/// (so -0.0 differs from 0.0 and NaNs must match too), naming the first field that differs.
/// </summary>
public static class BitAssert
{
    public static void Equal(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail($"{what}: expected {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):X16}), got {actual:R} (0x{BitConverter.DoubleToInt64Bits(actual):X16})");
        }
    }

    public static void Equal(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            Equal(expected[i], actual[i], $"{what}[{i}]");
        }
    }

    /// <summary>Every point of the straight run is stored, finished, with the same bits; and no other point is.</summary>
    public static void Results(StraightRun expected, IReadOnlyList<PointResult> actual)
    {
        Assert.Equal(expected.Points.Count, actual.Count);
        foreach (ExpectedPoint e in expected.Points)
        {
            GridPoint g = e.Point.Point;
            PointResult a = Assert.Single(actual, r => r.Key.D == g.D && r.Key.Alpha.Equals(g.Alpha) && r.Key.X.Equals(g.X) && r.Key.N == g.N);
            Result(e, a);
        }
    }

    public static void Result(ExpectedPoint expected, PointResult actual)
    {
        string at = actual.Key.GrainKey;
        PointAnalysis x = expected.Analysis;
        Assert.True(expected.Point.Ns == actual.Realizations, $"{at}: {actual.Realizations} realizations merged, expected {expected.Point.Ns}");
        Assert.Equal(x.Average.Realizations, actual.Realizations);
        Equal(x.T, actual.T, at + " t");
        Equal(x.Average.Mag, actual.Mag, at + " mag");
        Equal(x.Average.MagSem, actual.MagSem, at + " magSem");
        Equal(x.Average.Pur, actual.Pur, at + " pur");
        Equal(x.Average.PurSem, actual.PurSem, at + " purSem");
        Equal(x.Average.JnnRatio, actual.JnnRatio, at + " jnnRatio");
        Equal(x.Average.JnnRatioSem, actual.JnnRatioSem, at + " jnnRatioSem");
        Fit(x.Mag, actual.FitMag, at + " fitMag");
        Fit(x.Pur, actual.FitPur, at + " fitPur");
    }

    public static void Fit(ObservableFit expected, FitData actual, string what)
    {
        StretchedExponentialFitResult f = expected.Fit;
        Assert.True(f.Reason == actual.Error, $"{what}: expected error '{f.Reason}', got '{actual.Error}'");
        Assert.True(expected.JackknifeNote == actual.JackknifeNote, $"{what}: expected jackknife note '{expected.JackknifeNote}', got '{actual.JackknifeNote}'");
        if (!f.IsSuccess)
        {
            return;
        }

        Equal(f.A, actual.A, what + ".A");
        Equal(f.Gamma, actual.Gamma, what + ".gamma");
        Equal(f.Beta, actual.Beta, what + ".beta");
        Equal(f.AErr, actual.AErr, what + ".AErr");
        Equal(f.GammaErr, actual.GammaErr, what + ".gammaErr");
        Equal(f.BetaErr, actual.BetaErr, what + ".betaErr");
        Equal(expected.BetaJackknifeError, actual.BetaJackknifeError, what + ".betaJackknifeError");
        FitWindowRange w = f.Window!;
        Assert.Equal((w.I0, w.I1), (actual.I0, actual.I1));
        Equal(w.T0, actual.T0, what + ".T0");
        Equal(w.T1, actual.T1, what + ".T1");
    }

    /// <summary>The campaign's complete scaling table equals the scaling analysis of the straight run's fits.</summary>
    public static void Table(StraightRun expected, ScalingTable actual)
    {
        Assert.False(actual.Partial, "the table of a finished campaign is marked partial");
        Equal(expected.Spec.StrongDisorderMaxX, actual.StrongDisorderMaxX, "strongDisorderMaxX");
        Assert.Equal(expected.Deviations.Count, actual.Deviations.Length);
        for (int i = 0; i < expected.Deviations.Count; i++)
        {
            DeviationEntry e = expected.Deviations[i];
            DeviationRow a = actual.Deviations[i];
            string at = $"deviation d={e.D} alpha={e.Alpha} {e.Observable} N={e.N}";
            Assert.Equal((e.D, e.N, e.XCount, e.Observable), (a.D, a.N, a.XCount, a.Observable));
            Equal(e.Alpha, a.Alpha, at + " alpha");
            Equal(e.MeanBeta, a.MeanBeta, at + " meanBeta");
            Equal(e.BetaStd, a.BetaStd, at + " betaStd");
            Equal(e.MeanBetaJackknifeError, a.BetaJackknifeError, at + " jackknife");
            Equal(e.Deviation, a.Deviation, at + " deviation");
        }

        Assert.Equal(expected.Exponents.Count, actual.Exponents.Length);
        for (int i = 0; i < expected.Exponents.Count; i++)
        {
            ExponentEntry e = expected.Exponents[i];
            ExponentRow a = actual.Exponents[i];
            string at = $"exponent d={e.D} alpha={e.Alpha} {e.Observable}";
            Assert.Equal((e.D, e.Observable), (a.D, a.Observable));
            Equal(e.Alpha, a.Alpha, at + " alpha");
            Equal(e.BetaInf, a.BetaInf, at + " betaInf");
            Assert.Equal(e.N, a.N);
            Assert.Equal(e.N.Select(n => NsAt(expected, e.D, e.Alpha, n)), a.Ns);
            Assert.True(e.Fit.Reason == a.Error, $"{at}: expected error '{e.Fit.Reason}', got '{a.Error}'");
            Equal(e.Fit.IsSuccess ? e.Fit.P : double.NaN, a.P, at + " p");
            Equal(e.Fit.IsSuccess ? e.Fit.PErr : double.NaN, a.PErr, at + " pErr");
            Equal(e.Fit.IsSuccess ? e.Fit.Amplitude : double.NaN, a.Amplitude, at + " amplitude");
            Assert.Equal(e.Fit.IsSuccess && e.Fit.Weighted, a.Weighted);
        }
    }


    // The largest Ns among the strongly disordered points at (d, alpha, N): what the table reports per N.
    private static int NsAt(StraightRun run, int d, double alpha, int n) => run.Points
        .Where(p => p.Point.Point.D == d && p.Point.Point.Alpha.Equals(alpha) && p.Point.Point.N == n && p.Point.Point.X <= run.Spec.StrongDisorderMaxX)
        .Select(p => p.Point.Ns)
        .DefaultIfEmpty(0)
        .Max();
}
