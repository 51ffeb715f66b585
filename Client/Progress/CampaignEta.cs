using Sweep.Grains.Interfaces;

namespace Sweep.Client.Progress;

/// <summary>
/// What is left of a campaign, weighted by cost rather than counted in realizations: every
/// unfinished point's remaining realizations times its class's seconds per realization
/// (<see cref="RealizationCostModel"/>), in slot-seconds, divided by the slots the run keeps
/// busy (<see cref="SlotThroughput"/>). A point with a precision target is counted up to the Ns
/// its last decision predicted from error ∝ Ns^-1/2 (capped at maxNs), which is what it has
/// planned. Null parts are unknown: no batch computed yet, or a class nothing can price.
/// </summary>
/// <param name="RemainingSlotSeconds">Slot-seconds of computation left (one slot = one core).</param>
/// <param name="DoneFraction">The finished share of the campaign's cost, 0 to 1.</param>
/// <param name="SlotsBusy">Slot-seconds per wall second over the throughput window.</param>
/// <param name="Remaining">Wall time left.</param>
internal sealed record CampaignEta(double? RemainingSlotSeconds, double? DoneFraction, double? SlotsBusy, TimeSpan? Remaining)
{
    public static CampaignEta Of(CampaignStatus status, RealizationCostModel costs, double? slotsBusy)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(costs);
        double remaining = 0;
        double done = 0;
        bool known = true;
        foreach (PointSummary p in status.PointSummaries)
        {
            bool finished = p.Status is PointStatus.Done or PointStatus.Failed or PointStatus.Cancelled;
            long left = finished ? 0 : Math.Max(0, p.RealizationsTarget - p.RealizationsDone);
            if (costs.SecondsPerRealization(p.Key.Point) is { } seconds)
            {
                remaining += left * seconds;
                done += p.RealizationsDone * seconds;
            }
            else if (left > 0)
            {
                known = false;
            }
        }

        if (!known)
        {
            return new CampaignEta(null, null, slotsBusy, null);
        }

        double? fraction = remaining + done > 0 ? done / (remaining + done) : null;
        TimeSpan? wall = remaining == 0 ? TimeSpan.Zero
            : slotsBusy is > 0 ? TimeSpan.FromSeconds(Math.Round(remaining / slotsBusy.Value))
            : null;
        return new CampaignEta(remaining, fraction, slotsBusy, wall);
    }

    /// <summary>
    /// The ETA from one status read (`sweep status`): the busy slots are the run's mean since
    /// its submission. Null for a finished campaign and for one no live run follows.
    /// </summary>
    public static CampaignEta? Snapshot(CampaignStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Finished || status.SubmittedAt is not { } at || now <= at)
        {
            return null;
        }

        double compute = status.PointSummaries.Sum(p => p.ComputeSeconds);
        double? slots = compute > 0 ? compute / (now - at).TotalSeconds : null;
        return Of(status, RealizationCostModel.Learn(status.PointSummaries), slots);
    }

    /// <summary>The ETA as the progress line and `sweep status` print it: d.hh:mm:ss, or "--" while unknown.</summary>
    public string RemainingText => Remaining is { } r ? r.ToString(r.TotalDays >= 1 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "--";
}
