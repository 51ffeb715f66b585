namespace Sweep.Grains.Campaigns;

/// <summary>
/// Whether campaigns keep a durable reminder. Local mode has no reminder service (its timers
/// over SQLite state resume it when `sweep run` is run again); cluster mode turns this on so a
/// campaign carries on by itself after every silo died and came back.
/// </summary>
public sealed class CampaignOptions
{
    public bool DurableReminders { get; set; }

    /// <summary>Period of the reminder that re-starts unfinished points.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the scaling tables are rebuilt and stored while points finish.</summary>
    public TimeSpan TablePeriod { get; set; } = TimeSpan.FromSeconds(1);
}
