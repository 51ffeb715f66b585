namespace Sweep.Client.Reports;

/// <summary>
/// The two halves of Fig. 1: the magnetization (single-spin P_i, ensemble mag) and the purity
/// analogue (P_i^2, ensemble pur = 2 purity - 1).
/// </summary>
internal enum Fig1Observable
{
    Mag,
    Pur,
}
