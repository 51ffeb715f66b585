using System.Diagnostics;
using System.Globalization;
using Sweep.Client.Cli;
using Sweep.Client.Output;
using Sweep.Physics.Analytic;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Client.Commands;

/// <summary>`sweep point`: one grid point computed in this process on all cores, no cluster.</summary>
internal static class PointCommand
{
    public static int Run(PointArguments args, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(args);
        var point = new GridPoint(args.D, args.Alpha, args.X, args.N);
        if (point.Problem() is { } problem)
        {
            throw UsageException.ForOption(problem.Field == "N" ? "--n" : "--" + problem.Field, problem.Reason);
        }

        int ns = args.Ns;
        if (ns < 1 || ns > FixedPointLimit)
        {
            throw UsageException.ForOption("--ns", $"must be between 1 and {FixedPointLimit} (got {ns})");
        }

        int tPoints = args.TPoints ?? TimeGrid.DefaultPoints;
        if (tPoints < 2 || tPoints > 100_000)
        {
            throw UsageException.ForOption("--t-points", $"must be between 2 and 100000 (got {tPoints})");
        }

        int threads = args.Threads ?? Environment.ProcessorCount;
        if (threads < 1)
        {
            throw UsageException.ForOption("--threads", $"must be at least 1 (got {threads})");
        }

        var settings = new PointSettings(args.Seed ?? 1, tPoints, ParseTimeUnit(args.TimeUnit), FitWindow.Default, ParseKernel(args.Kernel));
        var clock = Stopwatch.StartNew();
        EnsembleAccumulator sums = PointComputation.Run(point, settings, ns, threads, SpinProductKernel.BestPath);
        PointAnalysis analysis = GridPointAnalysis.Analyze(point, settings, settings.TimeGrid(point), sums, threads);
        double wall = clock.Elapsed.TotalSeconds;

        if (args.Json)
        {
            PointJson.Write(stdout, point, ns, settings, analysis, wall);
        }
        else
        {
            PointReport.Write(stdout, point, ns, settings, analysis, wall);
        }

        return 0;
    }

    /// <summary>The largest Ns the exact accumulators hold.</summary>
    public const int FixedPointLimit = 1 << 22;

    public static TimeUnit ParseTimeUnit(string? text) => text is null
        ? TimeUnit.Common
        : TimeUnitNames.Parse(text) ?? throw UsageException.ForOption("--time-unit", $"must be {string.Join(" or ", TimeUnitNames.Known.Select(n => $"'{n}'"))} (got '{text}')");

    // A one-off point keeps the exact kernel unless asked: its numbers are compared with older runs.
    public static SpinKernelChoice ParseKernel(string? code)
    {
        const string accelerated = "accelerated";
        if (code is null or "exact")
        {
            return SpinKernelChoice.Exact;
        }

        if (code == accelerated)
        {
            return SpinKernelChoice.Accelerated();
        }

        if (code.StartsWith(accelerated + ":", StringComparison.Ordinal))
        {
            string text = code[(accelerated.Length + 1)..];
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double tolerance) && double.IsFinite(tolerance) && tolerance > 0)
            {
                return SpinKernelChoice.Accelerated(tolerance);
            }

            throw UsageException.ForOption("--kernel", $"the tolerance '{text}' must be a positive number, e.g. accelerated:1e-10");
        }

        throw UsageException.ForOption("--kernel", $"must be 'exact', 'accelerated' or 'accelerated:TOLERANCE' (got '{code}')");
    }

    /// <summary>What one unit of t is, as a sentence with the number.</summary>
    public static string TimeUnitSentence(GridPoint point, TimeUnit unit)
    {
        double jnnInf = ThermodynamicLimit.JnnInf(point.D, point.Alpha, point.N);
        return unit == TimeUnit.Common
            ? string.Create(CultureInfo.InvariantCulture, $"t = J_NN,inf * tau for every realization: one unit of t is tau = 1/J_NN,inf, with J_NN,inf = (N/ln 2)^(alpha/d) = {jnnInf:G6} the ideal-gas median nearest-neighbour coupling (C = 1, r0 = 1)")
            : "t = J_NN * tau with J_NN the realization's own median nearest-neighbour coupling (median over spins of max_k J_ik; C = 1, r0 = 1): one unit of t is tau = 1/J_NN of that realization";
    }
}
