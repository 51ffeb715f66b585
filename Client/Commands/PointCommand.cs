using System.Diagnostics;
using System.Globalization;
using Sweep.Campaigns;
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

        // The limits of a campaign's spec, so a point that runs here also runs in a campaign.
        int tPoints = args.TPoints ?? TimeGrid.DefaultPoints;
        if (tPoints < 2 || tPoints > SpecLimits.MaxTimePoints)
        {
            throw UsageException.ForOption("--t-points", $"must be between 2 and {SpecLimits.MaxTimePoints} (got {tPoints}), the limit of a campaign's timePoints");
        }

        int threads = args.Threads ?? Environment.ProcessorCount;
        if (threads < 1 || threads > MaxThreads)
        {
            throw UsageException.ForOption("--threads", $"must be between 1 and {MaxThreads} (got {threads})");
        }

        SpinKernelChoice kernel = ParseKernel(args.Kernel, args.Tolerance, args.KernelVersion);
        if (SpecLimits.SpinsProblem(kernel, point.D, point.N, tPoints) is { } tooLarge)
        {
            throw UsageException.ForOption("--n", tooLarge);
        }

        var settings = new PointSettings(args.Seed ?? 1, tPoints, ParseTimeUnit(args.TimeUnit), FitWindow.Default, kernel);
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

    /// <summary>The most threads `--threads` takes, as `--slots` of `run`.</summary>
    public const int MaxThreads = 1024;

    /// <summary>The largest Ns the exact accumulators hold.</summary>
    public const int FixedPointLimit = 1 << 22;

    public static TimeUnit ParseTimeUnit(string? text) => text is null
        ? TimeUnit.Common
        : TimeUnitNames.Parse(text) ?? throw UsageException.ForOption("--time-unit", $"must be {string.Join(" or ", TimeUnitNames.Known.Select(n => $"'{n}'"))} (got '{text}')");

    /// <summary>
    /// The kernel of `--kernel NAME [--tolerance TOL] [--kernel-version V]`, named and defaulted as
    /// the spec's "kernel" object is (<see cref="SpinKernelChoice.Named"/>); without `--kernel`,
    /// the campaigns' default. `--kernel accelerated:TOL` is kept as another spelling of
    /// `--kernel accelerated --tolerance TOL`.
    /// </summary>
    public static SpinKernelChoice ParseKernel(string? kernel, double? tolerance, int? version)
    {
        if (kernel is null)
        {
            if (tolerance is not null || version is not null)
            {
                throw UsageException.ForOption(
                    tolerance is not null ? "--tolerance" : "--kernel-version",
                    $"needs --kernel {SpinKernelChoice.AcceleratedName} (without --kernel the kernel is the default, {SpinKernelChoice.Default.Code})");
            }

            return SpinKernelChoice.Default;
        }

        string name = kernel;
        string toleranceOption = "--tolerance";
        const string aliasPrefix = SpinKernelChoice.AcceleratedName + ":";
        if (kernel.StartsWith(aliasPrefix, StringComparison.Ordinal))
        {
            string text = kernel[aliasPrefix.Length..];
            if (tolerance is not null)
            {
                throw UsageException.ForOption("--tolerance", $"the tolerance is already given by --kernel {kernel}");
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double aliasTolerance))
            {
                throw UsageException.ForOption("--kernel", $"the tolerance '{text}' must be a positive number, e.g. {aliasPrefix}1e-10");
            }

            name = SpinKernelChoice.AcceleratedName;
            tolerance = aliasTolerance;
            toleranceOption = "--kernel";
        }

        if (SpinKernelChoice.Problem(name, tolerance, version) is { } problem)
        {
            string option = problem.Setting switch
            {
                "tolerance" => toleranceOption,
                "version" => "--kernel-version",
                _ => "--kernel",
            };
            throw UsageException.ForOption(option, problem.Reason);
        }

        return SpinKernelChoice.Named(name, tolerance, version);
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
