using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;
using Sweep.Physics.Time;

namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// The domain types that replaced strings in stored records (observable, time unit, kernel) are
/// encoded byte for byte as the strings were, so states and batches written before read into the
/// typed fields, and what this build writes is what an earlier build wrote. The Legacy records
/// below are the earlier declarations, kept here only to compare encodings.
/// </summary>
public sealed class VocabularyEncodingTests
{
    private static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(VocabularyEncodingTests).Assembly).AddAssembly(typeof(BatchId).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly PointKey Key = new("c", 3, 6, 1e-3, 50);

    [Fact]
    public void A_table_row_encodes_its_observable_as_the_string_it_was()
    {
        var rows = new[]
        {
            new DeviationRow(3, 6, Observable.Mag, 50, 2, 0.45, 0.01, 0.02, 0.05),
            new DeviationRow(3, 6, Observable.Pur, 50, 2, 0.45, 0.01, 0.02, 0.05),
            new DeviationRow(3, 6, Observable.Mag, 100, 2, 0.46, 0.01, 0.02, 0.04),
        };
        var legacy = rows.Select(r => new LegacyDeviationRow(r.D, r.Alpha, r.Observable == Observable.Mag ? "mag" : "pur", r.N, r.XCount, r.MeanBeta, r.BetaStd, r.BetaJackknifeError, r.Deviation)).ToArray();

        byte[] typed = Serializer.SerializeToArray(rows);
        Assert.Equal(Serializer.SerializeToArray(legacy), typed);
        Assert.Equal(rows, Serializer.Deserialize<DeviationRow[]>(Serializer.SerializeToArray(legacy)));
    }

    [Fact]
    public void A_point_summary_encodes_its_observables_as_the_strings_they_were()
    {
        var summary = new PointSummary(Key, PointStatus.Running, 3, 8, 1, 2, null, null, null, [Observable.Mag, Observable.Pur]);
        var legacy = new LegacyPointSummary(Key, PointStatus.Running, 3, 8, 1, 2, null, null, null, ["mag", "pur"]);

        Assert.Equal(Serializer.SerializeToArray(legacy), Serializer.SerializeToArray(summary));
        PointSummary? read = Serializer.Deserialize<PointSummary>(Serializer.SerializeToArray(legacy));
        Assert.Equal(summary.Observables, read?.Observables);
    }

    [Fact]
    public void A_precision_target_encodes_its_observables_as_the_strings_they_were()
    {
        var summary = new PointSummary(Key, PointStatus.Done, 400, 400, 2, 2, null, null, null, [Observable.Mag, Observable.Pur], new TargetData(0.003, [Observable.Pur], 200, 2000, 200), "reached", 1, 200);
        var legacy = new LegacyPointSummary(Key, PointStatus.Done, 400, 400, 2, 2, null, null, null, ["mag", "pur"], new LegacyTargetData(0.003, ["pur"], 200, 2000, 200), "reached", 1, 200);

        Assert.Equal(Serializer.SerializeToArray(legacy), Serializer.SerializeToArray(summary));
        PointSummary? read = Serializer.Deserialize<PointSummary>(Serializer.SerializeToArray(legacy));
        Assert.Equal([Observable.Pur], read?.Target?.Observables);
    }

    [Theory]
    [InlineData(TimeUnit.Common, "common")]
    [InlineData(TimeUnit.PerRealization, "per-realization")]
    public void Settings_encode_their_time_unit_as_the_string_it_was(TimeUnit unit, string name)
    {
        var settings = new PointSettingsData(7, 200, unit, 0.99, 0.01, SpinKernelChoice.Accelerated(1e-10, 2), 10);
        var legacy = new LegacyPointSettingsData(7, 200, name, 0.99, 0.01, "accelerated-v2:1E-10", 10);

        Assert.Equal(Serializer.SerializeToArray(legacy), Serializer.SerializeToArray(settings));
        Assert.Equal(settings, Serializer.Deserialize<PointSettingsData>(Serializer.SerializeToArray(legacy)));
    }

    [Theory]
    [InlineData("exact")]
    [InlineData("accelerated:1E-10")]
    [InlineData("accelerated-v2:2.5E-09")]
    public void Settings_and_provenance_encode_their_kernel_as_its_code(string code)
    {
        SpinKernelChoice kernel = SpinKernelChoice.ParseCode(code);
        var settings = new PointSettingsData(7, 200, TimeUnit.Common, 0.99, 0.01, kernel, 10);
        var legacySettings = new LegacyPointSettingsData(7, 200, "common", 0.99, 0.01, code, 10);
        var at = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
        var provenance = new Provenance("v", kernel, "Avx2", settings, "host", at);
        var legacyProvenance = new LegacyProvenance("v", code, "Avx2", legacySettings, "host", at);

        Assert.Equal(Serializer.SerializeToArray(legacySettings), Serializer.SerializeToArray(settings));

        // Earlier builds wrote the provenance's kernel either as its own string or, when it was the
        // settings' string instance, as Orleans' reference to it: both read into the type.
        var distinct = legacyProvenance with { Kernel = new string(code.AsSpan()) };
        foreach (LegacyProvenance stored in new[] { legacyProvenance, distinct })
        {
            Provenance? read = Serializer.Deserialize<Provenance>(Serializer.SerializeToArray(stored));
            Assert.Equal(provenance, read);
            Assert.Equal(kernel, read?.Settings.Kernel);
        }
    }

    [Fact]
    public void A_kernel_this_build_does_not_know_is_refused_with_its_code()
    {
        var legacy = new LegacyPointSettingsData(7, 200, "common", 0.99, 0.01, "accelerated-v9:1E-10", 10);
        var e = Assert.ThrowsAny<Exception>(() => Serializer.Deserialize<PointSettingsData>(Serializer.SerializeToArray(legacy)));
        Assert.Contains("accelerated-v9:1E-10", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_key_is_its_campaign_and_grid_point_with_the_stored_grain_key()
    {
        var point = new GridPoint(3, 6, 1e-3, 50);
        PointKey key = PointKey.Of("c", point);

        Assert.Equal(Key, key);
        Assert.Equal(point, key.Point);
        // The grain key names stored rows (point/gridpoint/..., batch/realizationbatch/...).
        Assert.Equal("c/3/6/0.001/50", key.GrainKey);
    }

    [Fact]
    public void An_unknown_stored_observable_is_refused_with_its_name()
    {
        var legacy = new LegacyDeviationRow(1, 2, "energy", 8, 1, 0.5, 0, 0, 0);
        var e = Assert.ThrowsAny<Exception>(() => Serializer.Deserialize<DeviationRow>(Serializer.SerializeToArray(legacy)));
        Assert.Contains("energy", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_fixture_store_written_before_the_types_reads_into_them()
    {
        using var store = new TempStore();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "main-store", "sweep.db"), store.DatabasePath);
        using SweepStoreReader reader = SweepStoreReader.Open(store.DatabasePath);
        var campaign = reader.Campaign("fixture");
        Assert.NotNull(campaign);
        Assert.All(campaign.Points, p => Assert.NotEmpty(p.Observables));
        Assert.All(campaign.Points, p => Assert.Equal(TimeUnit.Common, p.Settings.TimeUnit));
        Assert.All(campaign.Points, p => Assert.Equal(SpinKernelChoice.Exact, p.Settings.Kernel));
        PointResult result = Assert.Single(reader.Points("fixture").Values.Select(p => p.Result).OfType<PointResult>().Take(1));
        Assert.Equal(SpinKernelChoice.Exact, result.Provenance.Kernel);
        Assert.All(campaign.Summaries.Values, s => Assert.Subset(ObservableNames.All.ToHashSet(), s.Observables.ToHashSet()));
        Assert.All(campaign.Table?.Deviations ?? [], r => Assert.Contains(r.Observable, ObservableNames.All));
    }
}

[GenerateSerializer]
public sealed record LegacyDeviationRow(
    [property: Id(0)] int D,
    [property: Id(1)] double Alpha,
    [property: Id(2)] string Observable,
    [property: Id(3)] int N,
    [property: Id(4)] int XCount,
    [property: Id(5)] double MeanBeta,
    [property: Id(6)] double BetaStd,
    [property: Id(7)] double BetaJackknifeError,
    [property: Id(8)] double Deviation);

[GenerateSerializer]
public sealed record LegacyPointSummary(
    [property: Id(0)] PointKey Key,
    [property: Id(1)] PointStatus Status,
    [property: Id(2)] long RealizationsDone,
    [property: Id(3)] long RealizationsTarget,
    [property: Id(4)] int BatchesDone,
    [property: Id(5)] int BatchesTotal,
    [property: Id(6)] FitData? FitMag,
    [property: Id(7)] FitData? FitPur,
    [property: Id(8)] string? Failure,
    [property: Id(9)] string[] Observables,
    [property: Id(20)] LegacyTargetData? Target = null,
    [property: Id(21)] string? TargetOutcome = null,
    [property: Id(22)] int BatchesBeyondStop = 0,
    [property: Id(23)] long RealizationsBeyondStop = 0,
    [property: Id(24)] int BatchesFoundStored = 0,
    [property: Id(25)] long RealizationsComputed = 0,
    [property: Id(26)] double ComputeSeconds = 0);

[GenerateSerializer]
public sealed record LegacyTargetData(
    [property: Id(0)] double BetaError,
    [property: Id(1)] string[] Observables,
    [property: Id(2)] int MinNs,
    [property: Id(3)] int MaxNs,
    [property: Id(4)] int Step);

[GenerateSerializer]
public sealed record LegacyPointSettingsData(
    [property: Id(0)] ulong Seed,
    [property: Id(1)] int TimePoints,
    [property: Id(2)] string TimeUnit,
    [property: Id(3)] double FitUpper,
    [property: Id(4)] double FitLower,
    [property: Id(5)] string Kernel,
    [property: Id(6)] int BatchSize);

[GenerateSerializer]
public sealed record LegacyProvenance(
    [property: Id(0)] string ProgramVersion,
    [property: Id(1)] string Kernel,
    [property: Id(2)] string KernelPath,
    [property: Id(3)] LegacyPointSettingsData Settings,
    [property: Id(4)] string Host,
    [property: Id(5)] DateTimeOffset ComputedAt);
