using Sweep.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Mapping;

namespace Sweep.Grains.Campaigns;

/// <summary>The scaling tables of a campaign from its points' summaries: shared by the grain and by readers of the store.</summary>
public static class CampaignTables
{
    public static ScalingTable Build(CampaignState state, Func<PointAssignment, PointSummary?> summaryOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(summaryOf);
        double maxX = state.StrongDisorderMaxX ?? TypedSettings(state);
        // A target point reports the Ns it stopped at.
        var ns = state.Points.ToDictionary(p => p.Key.GrainKey, p => p.Target is null ? p.Ns : (int)(summaryOf(p)?.RealizationsTarget ?? 0), StringComparer.Ordinal);
        return TableMapping.Build(state.Points.Select(summaryOf).OfType<PointSummary>(), ns, maxX);
    }

    /// <summary>
    /// Fills in the typed settings of a state stored before they were kept (from its spec, once),
    /// and returns the strong-disorder limit.
    /// </summary>
    public static double TypedSettings(CampaignState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.StrongDisorderMaxX ??= state.SpecJson is null
            ? CampaignSpec.DefaultStrongDisorderMaxX
            : CampaignSpecParser.Parse(state.SpecJson).GetSpecOrThrow().StrongDisorderMaxX;
        return state.StrongDisorderMaxX.Value;
    }
}
