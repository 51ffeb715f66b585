using Orleans.Concurrency;

namespace Sweep.Grains.Interfaces;

/// <summary>A campaign (key: its name): the spec, the grid points and the scaling tables.</summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Validates the spec (JSON text), checks it against a stored one, starts every point.</summary>
    Task<SubmitResult> Submit(string specJson);

    Task<CampaignStatus> GetStatus();

    /// <summary>A point reports progress or completion; one-way, so a point never waits on its campaign.</summary>
    [OneWay]
    Task PointChanged(PointSummary summary);

    /// <summary>
    /// A point of the campaign found its stored state corrupt and started from empty: the
    /// campaign starts it again with its assignment, so it rebuilds itself from its stored batches.
    /// </summary>
    [OneWay]
    Task PointStateRebuilt(string pointGrainKey);

    /// <summary>The damage of the campaign's stored record (null when intact), read back from the store (`sweep verify`).</summary>
    Task<string?> CheckStored();

    /// <summary>Writes the campaign's record again from memory over a damaged stored copy (`sweep verify --repair` on a live campaign).</summary>
    Task RewriteStoredState();

    /// <summary>The canonical spec JSON, or null if the campaign does not exist.</summary>
    Task<string?> GetSpec();

    Task Cancel();

    /// <summary>The scaling tables over the points completed so far.</summary>
    Task<ScalingTable> GetTable();

    /// <summary>Every point's stored result (finished points only).</summary>
    Task<PointResult[]> GetResults();

    /// <summary>The settings its points run under (the first point's), or null if it has none.</summary>
    Task<PointSettingsData?> GetSettings();

    /// <summary>
    /// Erases the campaign: every point's and batch's stored state, its reminder, its name in
    /// the directory and its own state. Refused, erasing nothing, while it runs (neither
    /// cancelled nor finished) or while batches of it are queued or computing.
    /// </summary>
    Task<CampaignDeletion> Delete();
}
