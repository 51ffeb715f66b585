using System.Globalization;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// Which kernel computes mag and pur, with its settings. It is part of what decides a result's
/// bits, so a computation receives it once, as a setting, and never switches it at run time.
/// Record equality compares the kind, the version and the tolerance together.
/// <para>
/// The accelerated kernel has versions, because a new algorithm gives new bits: version 1 is
/// <see cref="AcceleratedSpinProductKernel"/> on the coupling matrix (O(N^2) memory); version 2
/// is the same for N below <see cref="CellSpinProductKernel.MinSpins"/> and
/// <see cref="CellSpinProductKernel"/> from there on (O(N) memory); version 3 is version 1 below
/// the same threshold and the cell kernel's one-step version
/// (<see cref="CellSpinProductKernel.OneStepVersion"/>) from there on; version 4 is version 3
/// with the series from <see cref="AcceleratedSpinProductKernel.SeriesMinSpinsFromVersion4"/>
/// spins on instead of <see cref="AcceleratedSpinProductKernel.SeriesMinSpins"/> (new bits from 17
/// to 63 spins, the same elsewhere); version 5 is version 4 whose series set-up adds to each
/// chunk of far pairs only the orders it needs, with the dropped tail in the error bound (new bits
/// from 17 spins up to the cell kernel's threshold). Which method a realization uses is thus a
/// function of the version and N only, never of the machine.
/// </para>
/// </summary>
public sealed record SpinKernelChoice
{
    /// <summary>The newest version of the accelerated kernel, the one <see cref="Accelerated(double)"/> gives.</summary>
    public const int LatestAcceleratedVersion = 5;

    /// <summary>The accelerated kernel's first version: what the name "accelerated" without a version stands for.</summary>
    public const int FirstAcceleratedVersion = 1;

    /// <summary>The name of the exact kernel, in specs and on the command line.</summary>
    public const string ExactName = "exact";

    /// <summary>The name of the accelerated kernel, in specs and on the command line.</summary>
    public const string AcceleratedName = "accelerated";

    /// <summary>Every kernel name a user may give.</summary>
    public static IReadOnlyList<string> Names { get; } = [ExactName, AcceleratedName];

    private SpinKernelChoice(SpinKernelKind kind, double tolerance, int version)
    {
        Kind = kind;
        Tolerance = tolerance;
        Version = version;
    }

    /// <summary>The exact kernel.</summary>
    public static SpinKernelChoice Exact { get; } = new(SpinKernelKind.Exact, 0.0, 0);

    /// <summary>
    /// The kernel of a spec without a "kernel" key and of `sweep point` without `--kernel`: the
    /// latest accelerated kernel at its default tolerance.
    /// </summary>
    // Its 1e-10 bound is far below any realization average's statistical error; it is 8 to 10
    // times faster than the exact kernel in 2D and 3D, 1 to 3 times in 1D at N = 100
    // (docs/PERFORMANCE.md), and below 64 spins, where the series would be slower, it returns
    // the exact kernel's results. Version 2 adds the O(N)-memory cell kernel from 8192 spins on
    // and is version 1 below; version 3 is the same below 8192 spins (the same bits) and about
    // twice as fast above (3D, alpha = 6, N = 10^5: 8.4 s against 17.1 s on one core); version 4
    // takes the series from 17 spins on, 1.5 to 4 times faster than the exact rows there; version
    // 5 spends about half of version 4's set-up in 3D at 1300 spins (docs/PERFORMANCE.md).
    public static SpinKernelChoice Default { get; } = new(SpinKernelKind.Accelerated, AcceleratedSpinProductKernel.DefaultTolerance, LatestAcceleratedVersion);

    /// <summary>The kernel.</summary>
    public SpinKernelKind Kind { get; }

    /// <summary>The kernel's name as users write it: "exact" or "accelerated".</summary>
    public string Name => Kind == SpinKernelKind.Exact ? ExactName : AcceleratedName;

    /// <summary>The absolute tolerance on mag and pur of the accelerated kernel; 0 for the exact one.</summary>
    public double Tolerance { get; }

    /// <summary>The accelerated kernel's version (1 to 5); 0 for the exact one.</summary>
    public int Version { get; }

    /// <summary>The newest accelerated kernel with an absolute tolerance (positive and finite).</summary>
    public static SpinKernelChoice Accelerated(double tolerance = AcceleratedSpinProductKernel.DefaultTolerance)
        => Accelerated(tolerance, LatestAcceleratedVersion);

    /// <summary>The accelerated kernel of a given version (1 to 5) with an absolute tolerance.</summary>
    public static SpinKernelChoice Accelerated(double tolerance, int version)
    {
        AcceleratedSpinProductKernel.RequireTolerance(tolerance);
        if (version < 1 || version > LatestAcceleratedVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"the accelerated kernel has versions 1 .. {LatestAcceleratedVersion}");
        }

        return new SpinKernelChoice(SpinKernelKind.Accelerated, tolerance, version);
    }

    /// <summary>
    /// The kernel a user names, with the settings given (null where not given), by the one rule
    /// the spec's "kernel" object and `sweep point`'s options share: "exact" takes no settings;
    /// "accelerated" takes a tolerance (default <see cref="AcceleratedSpinProductKernel.DefaultTolerance"/>)
    /// and a version (default <see cref="FirstAcceleratedVersion"/>, as every spec stored before
    /// versions existed).
    /// </summary>
    /// <exception cref="ArgumentException">The settings have a <see cref="Problem"/>.</exception>
    public static SpinKernelChoice Named(string name, double? tolerance, int? version)
    {
        if (Problem(name, tolerance, version) is { } problem)
        {
            throw new ArgumentException($"{problem.Setting}: {problem.Reason}", problem.Setting);
        }

        return name == ExactName
            ? Exact
            : Accelerated(tolerance ?? AcceleratedSpinProductKernel.DefaultTolerance, version ?? FirstAcceleratedVersion);
    }

    /// <summary>
    /// The first problem with a named kernel's settings as (setting, reason), the setting being
    /// "name", "tolerance" or "version"; null when <see cref="Named"/> accepts them.
    /// </summary>
    public static (string Setting, string Reason)? Problem(string name, double? tolerance, int? version)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == ExactName)
        {
            return tolerance is not null ? (nameof(tolerance), "the exact kernel takes no settings")
                : version is not null ? (nameof(version), "the exact kernel takes no settings")
                : null;
        }

        if (name != AcceleratedName)
        {
            return (nameof(name), $"unknown kernel '{name}' (known: {string.Join(", ", Names)})");
        }

        if (tolerance is { } t && (!(t > 0) || !double.IsFinite(t)))
        {
            return (nameof(tolerance), string.Create(CultureInfo.InvariantCulture, $"must be positive (got {t:R}): it is the absolute error allowed on mag and pur"));
        }

        if (version is { } v && (v < FirstAcceleratedVersion || v > LatestAcceleratedVersion))
        {
            return (nameof(version), $"must be an integer from {FirstAcceleratedVersion} to {LatestAcceleratedVersion} (got {v}); without it the kernel is version {FirstAcceleratedVersion}");
        }

        return null;
    }

    /// <summary>True when a realization of N spins is computed from positions by the cell kernel (no coupling matrix).</summary>
    public bool UsesCells(int n) => Kind == SpinKernelKind.Accelerated && Version >= 2 && n >= CellSpinProductKernel.MinSpins;

    /// <summary>Below this many spins the accelerated kernel returns the exact kernel's results.</summary>
    public int SeriesMinSpins => Version >= 4 ? AcceleratedSpinProductKernel.SeriesMinSpinsFromVersion4 : AcceleratedSpinProductKernel.SeriesMinSpins;

    /// <summary>From version 5 on, the series set-up adds only the orders each chunk of far pairs needs.</summary>
    public bool TruncatedSetUp => Kind == SpinKernelKind.Accelerated && Version >= 5;

    // Versions 3 to 5 share the cell kernel's one-step version.
    private int CellVersion => Math.Min(Version, CellSpinProductKernel.OneStepVersion);

    /// <summary>mag and pur (and optionally spin curves) by the chosen kernel on an instruction-set path.</summary>
    /// <exception cref="InvalidOperationException">The choice computes this N from positions (<see cref="UsesCells"/>).</exception>
    public void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        if (Kind == SpinKernelKind.Exact)
        {
            SpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, path);
        }
        else if (UsesCells(couplings.N))
        {
            throw new InvalidOperationException($"{this} computes {couplings.N} spins from positions; call EvaluatePositions");
        }
        else
        {
            AcceleratedSpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, Tolerance, path, SeriesMinSpins, TruncatedSetUp);
        }
    }

    /// <summary>
    /// As <see cref="Evaluate"/> from positions (N consecutive d-tuples in the unit ball) with
    /// couplings |r_i - r_k|^-alpha: the cell kernel where <see cref="UsesCells"/>, else the
    /// coupling matrix is built (in <paramref name="couplingStorage"/> when it is large enough).
    /// </summary>
    public void EvaluatePositions(ReadOnlySpan<double> positions, int d, double alpha, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path, double[]? couplingStorage = null)
    {
        if (UsesCells(positions.Length / Math.Max(d, 1)))
        {
            CellSpinProductKernel.Evaluate(positions, d, alpha, tau, mag, pur, spins, spinCurves, Tolerance, path, CellVersion);
            return;
        }

        var couplings = CouplingMatrix.FromPositions(positions, d, alpha, couplingStorage);
        if (Kind == SpinKernelKind.Exact)
        {
            SpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, path);
        }
        else
        {
            AcceleratedSpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, Tolerance, path, SeriesMinSpins, TruncatedSetUp);
        }
    }

    /// <summary>
    /// The canonical one-word form that travels with settings and provenance: "exact", or
    /// "accelerated:" (version 1) or "accelerated-vN:" (version N from 2) and the tolerance in
    /// round-trip ("R") form, e.g. "accelerated-v5:1E-10".
    /// </summary>
    public string Code => Kind == SpinKernelKind.Exact
        ? ExactCode
        : Prefix(Version) + Tolerance.ToString("R", CultureInfo.InvariantCulture);

    private const string ExactCode = ExactName;

    private static string Prefix(int version) => version == 1 ? "accelerated:" : $"accelerated-v{version}:";

    /// <summary>
    /// The choice a <see cref="Code"/> stands for. Only canonical codes are accepted, so that one
    /// kernel never travels under two spellings.
    /// </summary>
    public static SpinKernelChoice ParseCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code == ExactCode)
        {
            return Exact;
        }

        for (int version = 1; version <= LatestAcceleratedVersion; version++)
        {
            string prefix = Prefix(version);
            if (code.StartsWith(prefix, StringComparison.Ordinal)
                && double.TryParse(code.AsSpan(prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out double tolerance)
                && tolerance > 0
                && double.IsFinite(tolerance))
            {
                var choice = Accelerated(tolerance, version);
                if (choice.Code == code)
                {
                    return choice;
                }
            }
        }

        throw new FormatException($"'{code}' is not a kernel code (expected '{ExactCode}', or 'accelerated:' (version 1) or 'accelerated-v2:' to 'accelerated-v{LatestAcceleratedVersion}:' and a positive tolerance in round-trip form, e.g. '{Accelerated().Code}')");
    }

    /// <summary>"exact" or e.g. "accelerated-v5(tolerance=1E-10)".</summary>
    public override string ToString() => Kind == SpinKernelKind.Exact
        ? "exact"
        : string.Create(CultureInfo.InvariantCulture, $"{Prefix(Version).TrimEnd(':')}(tolerance={Tolerance:R})");
}
