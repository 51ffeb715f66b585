namespace Sweep.Client.Progress;

/// <summary>
/// Points whose realizations cost the same: one dimension and system size within one campaign
/// (its kernel and time grid are the campaign's, and which kernel method runs is a function of N).
/// </summary>
internal readonly record struct PointCostClass(int D, int N);
