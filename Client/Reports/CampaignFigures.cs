namespace Sweep.Client.Reports;

/// <summary>
/// The campaign-wide figures of Fig. 2: beta against x per (d, alpha, N), the deviation from
/// d/alpha against N per (d, alpha), and the exponents p (null before any exists).
/// </summary>
internal sealed record CampaignFigures(IReadOnlyList<Figure> Fig2a, IReadOnlyList<Figure> Fig2b, Figure? Fig2c)
{
    public IEnumerable<Figure> All => Fig2a.Concat(Fig2b).Concat(Fig2c is null ? [] : [Fig2c]);

    /// <summary>The figure with that stem, or null.</summary>
    public Figure? FindFigure(string stem) => All.FirstOrDefault(f => f.Stem == stem);
}
