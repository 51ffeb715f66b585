using ScottPlot;

namespace Sweep.Client.Reports;

/// <summary>
/// Colours single-spin curves by log10 of the spin's nearest-neighbour coupling (in units of
/// J_NN,inf), and serves the same scale to a colour bar so the colours can be read off.
/// </summary>
internal sealed class CouplingColorScale : IHasColorAxis
{
    private readonly double _min;
    private readonly double _max;

    /// <summary>
    /// The scale from the weakest to the strongest positive coupling of all the realization's
    /// spins (not only the plotted ones); NaN for both when no coupling is positive.
    /// </summary>
    public CouplingColorScale(double weakest, double strongest)
    {
        bool any = weakest > 0 && strongest > 0;
        _min = any ? Math.Log10(weakest) : 0;
        _max = any ? Math.Log10(strongest) : 1;
        if (!(_max > _min))
        {
            // A single coupling value still needs a range for the bar to have a height.
            _max = _min + 1;
        }
    }

    public IColormap Colormap { get; set; } = new ScottPlot.Colormaps.Viridis();

    public ScottPlot.Range GetRange() => new(_min, _max);

    public Color ColorOf(double coupling)
        => Colormap.GetColor(Math.Clamp((LogAxis.ToLog(coupling) - _min) / (_max - _min), 0, 1));
}
