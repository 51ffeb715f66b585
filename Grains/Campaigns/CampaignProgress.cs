using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Campaigns;

/// <summary>A campaign's status from its points' summaries: shared by the grain and by readers of the store.</summary>
public static class CampaignProgress
{
    public static CampaignStatus Aggregate(string name, CampaignState state, Func<PointAssignment, PointSummary?> summaryOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(summaryOf);
        if (state.SpecJson is null)
        {
            return new CampaignStatus(name, false, false, 0, 0, 0, 0, 0, 0, 0, []);
        }

        PointSummary[] points = state.Points.Select(summaryOf).OfType<PointSummary>().ToArray();

        // A target point's Ns is known once it stops: until then, what it has planned.
        long target = state.Points.Sum(p => p.Target is null ? p.Ns : summaryOf(p)?.RealizationsTarget ?? p.Target.MinNs);
        return new CampaignStatus(
            name,
            true,
            state.Cancelled,
            state.Points.Count,
            points.Count(p => p.Status == PointStatus.Done),
            points.Count(p => p.Status == PointStatus.Failed),
            points.Sum(p => p.RealizationsDone),
            target,
            points.Sum(p => p.BatchesDone),
            points.Sum(p => p.BatchesTotal),
            points,
            state.FinishedAt,
            points.Sum(p => p.BatchesBeyondStop),
            BatchesFoundStored: points.Sum(p => p.BatchesFoundStored));
    }
}
