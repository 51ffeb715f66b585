using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Progress;

/// <summary>
/// The ETA of one campaign followed over time (the progress line, the dashboard): the busy slots
/// (<see cref="SlotThroughput"/>) and the calibration's recent error (<see cref="RecentPriceScale"/>)
/// both need the status read after read, which a single read (`sweep status`,
/// <see cref="CampaignEta.Snapshot"/>) does not have.
/// </summary>
internal sealed class CampaignEtaTracker
{
    private readonly SlotThroughput _throughput;
    private readonly RecentPriceScale _prices;

    /// <param name="window">The span the busy slots are measured over.</param>
    /// <param name="priceWindow">The span the price scale is measured over; half <paramref name="window"/> when not given.</param>
    public CampaignEtaTracker(TimeSpan window, TimeSpan? priceWindow = null)
    {
        _throughput = new SlotThroughput(window);
        _prices = new RecentPriceScale(priceWindow ?? (window / 2));
    }

    /// <summary>Measured over calibrated seconds of the recently merged work, as the last <see cref="Observe"/> priced it.</summary>
    public double? PriceScale => _prices.Scale;

    /// <summary>Samples a status read at <paramref name="wallSeconds"/> since the run started and returns its ETA.</summary>
    /// <param name="calibrated">One core's seconds per realization by grid point, or null while the calibration runs.</param>
    public CampaignEta Observe(double wallSeconds, CampaignStatus status, IReadOnlyDictionary<GridPoint, double>? calibrated)
    {
        ArgumentNullException.ThrowIfNull(status);
        _throughput.Add(wallSeconds, status.PointSummaries.Sum(p => p.ComputeSeconds));
        if (calibrated is not null)
        {
            (double measured, double priced) = RealizationCostModel.PricedWork(status.PointSummaries, calibrated);
            _prices.Add(wallSeconds, measured, priced);
        }

        return CampaignEta.Of(status, RealizationCostModel.Learn(status.PointSummaries, calibrated, calibrated is null ? null : _prices.Scale), _throughput.SlotsBusy);
    }
}
