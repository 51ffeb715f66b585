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
        return new CampaignStatus(
            name,
            true,
            state.Cancelled,
            state.Points.Count,
            points.Count(p => p.Status == PointStatus.Done),
            points.Count(p => p.Status == PointStatus.Failed),
            points.Sum(p => p.RealizationsDone),
            state.Points.Sum(p => (long)p.Ns),
            points.Sum(p => p.BatchesDone),
            points.Sum(p => p.BatchesTotal),
            points,
            state.FinishedAt);
    }
}
