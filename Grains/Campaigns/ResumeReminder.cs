namespace Sweep.Grains.Campaigns;

/// <summary>
/// The durable reminder of a running campaign. Reminders outlive every silo (they are stored
/// in Redis), so a campaign whose silos all died is re-activated and re-starts its unfinished
/// points by itself. Does nothing where reminders are off (local mode has no reminder service).
/// </summary>
internal sealed class ResumeReminder
{
    public const string Name = "resume";

    private readonly Grain _grain;
    private readonly CampaignOptions _options;

    public ResumeReminder(Grain grain, CampaignOptions options)
    {
        _grain = grain;
        _options = options;
    }

    public async Task KeepAsync()
    {
        if (_options.DurableReminders)
        {
            await _grain.RegisterOrUpdateReminder(Name, _options.ReminderPeriod, _options.ReminderPeriod);
        }
    }

    public async Task DropAsync()
    {
        if (_options.DurableReminders && await _grain.GetReminder(Name) is { } reminder)
        {
            await _grain.UnregisterReminder(reminder);
        }
    }
}
