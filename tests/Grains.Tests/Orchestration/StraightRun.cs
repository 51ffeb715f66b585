using Sweep.Campaigns;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Precision;
using Sweep.Physics.Scaling;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// The reference a campaign must reproduce bit for bit: every point of the spec computed
/// directly with the physics library, single-threaded, all realizations in one accumulator,
/// then analysed, and the scaling analysis over the fitted betas. No grain, batch or store
/// is involved, so any difference is the orchestration's doing.
/// </summary>
public sealed class StraightRun
{
    private StraightRun(CampaignSpec spec, IReadOnlyList<ExpectedPoint> points)
    {
        Spec = spec;
        Points = points;
        (Deviations, Exponents) = FiniteSizeScaling.Build(Betas(points), spec.StrongDisorderMaxX);
    }

    public CampaignSpec Spec { get; }

    public IReadOnlyList<ExpectedPoint> Points { get; }

    public IReadOnlyList<DeviationEntry> Deviations { get; }

    public IReadOnlyList<ExponentEntry> Exponents { get; }

    public static StraightRun Of(string specJson)
    {
        CampaignSpec spec = CampaignSpecParser.Parse(specJson).GetSpecOrThrow();
        var settings = new PointSettings(spec.Seed, spec.TimePoints, spec.TimeUnit, new FitWindow(spec.FitUpper, spec.FitLower), spec.Kernel);
        var points = CampaignGrid.Expand(spec).Select(p =>
        {
            double[] t = settings.TimeGrid(p.Point);
            if (p.Target is { } target)
            {
                return Targeted(spec, settings, t, p, target.ToPrecisionTarget());
            }

            // The same kernel path as the compute pool picks on this machine: paths may differ in the last bits.
            EnsembleAccumulator sums = Realization.ComputeBatch(p.Point, spec.Seed, 0, p.Ns, t, spec.TimeUnit, settings.Kernel, SpinProductKernel.BestPath);
            return new ExpectedPoint(p, GridPointAnalysis.Analyze(p.Point, settings, t, sums));
        }).ToList();
        return new StraightRun(spec, points);
    }

    /// <summary>
    /// A target point the plain way: one step of realizations after the other into one
    /// accumulator, and the stopping rule at every checkpoint from minNs on.
    /// </summary>
    private static ExpectedPoint Targeted(CampaignSpec spec, PointSettings settings, double[] t, CampaignPoint p, PrecisionTarget target)
    {
        var sums = new EnsembleAccumulator(t.Length);
        var decisions = new List<CheckpointDecision>();
        for (long checkpoint = target.Step; ; checkpoint += target.Step)
        {
            sums.Merge(Realization.ComputeBatch(p.Point, spec.Seed, checkpoint - target.Step, target.Step, t, spec.TimeUnit, settings.Kernel, SpinProductKernel.BestPath));
            if (checkpoint < target.MinNs)
            {
                continue;
            }

            PointAnalysis analysis = GridPointAnalysis.Analyze(p.Point, settings, t, sums);
            CheckpointDecision decision = PrecisionStopping.Decide(target, checkpoint, analysis.Mag.BetaJackknifeError, analysis.Pur.BetaJackknifeError);
            decisions.Add(decision);
            if (decision.Stops)
            {
                return new ExpectedPoint(p with { Ns = (int)checkpoint }, analysis) { Decisions = decisions };
            }
        }
    }

    private static IEnumerable<PointBeta> Betas(IEnumerable<ExpectedPoint> points)
    {
        foreach (ExpectedPoint p in points)
        {
            GridPoint g = p.Point.Point;
            if (p.Point.Observables.Contains(Observable.Mag) && p.Analysis.Mag.Fit.IsSuccess)
            {
                yield return new PointBeta(g.D, g.Alpha, g.X, g.N, Observable.Mag, p.Analysis.Mag.Fit.Beta, p.Analysis.Mag.BetaJackknifeError);
            }

            if (p.Point.Observables.Contains(Observable.Pur) && p.Analysis.Pur.Fit.IsSuccess)
            {
                yield return new PointBeta(g.D, g.Alpha, g.X, g.N, Observable.Pur, p.Analysis.Pur.Fit.Beta, p.Analysis.Pur.BetaJackknifeError);
            }
        }
    }
}

/// <summary>
/// One point of the straight run: what the spec asks for and its analysis. A target point's Ns
/// is the checkpoint it stopped at, and its decisions are those of every checkpoint taken.
/// </summary>
public sealed record ExpectedPoint(CampaignPoint Point, PointAnalysis Analysis)
{
    public IReadOnlyList<CheckpointDecision> Decisions { get; init; } = [];

    public CheckpointDecision? Stop => Decisions.Count == 0 ? null : Decisions[^1];
}
