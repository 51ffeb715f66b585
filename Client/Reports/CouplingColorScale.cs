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

    public CouplingColorScale(IEnumerable<double> couplings)
    {
        double[] logs = couplings.Where(c => c > 0).Select(Math.Log10).ToArray();
        _min = logs.Length > 0 ? logs.Min() : 0;
        _max = logs.Length > 0 ? logs.Max() : 1;
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
