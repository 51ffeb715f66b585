using System.Globalization;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// Which kernel computes mag and pur, with its settings. It is part of what decides a result's
/// bits, so a computation receives it once, as a setting, and never switches it at run time.
/// Record equality compares the kind and the tolerance together.
/// </summary>
public sealed record SpinKernelChoice
{
    private SpinKernelChoice(SpinKernelKind kind, double tolerance)
    {
        Kind = kind;
        Tolerance = tolerance;
    }

    /// <summary>The exact kernel.</summary>
    public static SpinKernelChoice Exact { get; } = new(SpinKernelKind.Exact, 0.0);

    /// <summary>The kernel.</summary>
    public SpinKernelKind Kind { get; }

    /// <summary>The absolute tolerance on mag and pur of the accelerated kernel; 0 for the exact one.</summary>
    public double Tolerance { get; }

    /// <summary>The accelerated kernel with an absolute tolerance (positive and finite).</summary>
    public static SpinKernelChoice Accelerated(double tolerance = AcceleratedSpinProductKernel.DefaultTolerance)
    {
        AcceleratedSpinProductKernel.RequireTolerance(tolerance);
        return new SpinKernelChoice(SpinKernelKind.Accelerated, tolerance);
    }

    /// <summary>mag and pur (and optionally spin curves) by the chosen kernel on an instruction-set path.</summary>
    public void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
    {
        if (Kind == SpinKernelKind.Exact)
        {
            SpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, path);
        }
        else
        {
            AcceleratedSpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, spinCurves, Tolerance, path);
        }
    }

    /// <summary>
    /// The canonical one-word form that travels with settings and provenance: "exact", or
    /// "accelerated:" and the tolerance in round-trip ("R") form, e.g. "accelerated:1E-10".
    /// </summary>
    public string Code => Kind == SpinKernelKind.Exact
        ? ExactCode
        : AcceleratedPrefix + Tolerance.ToString("R", CultureInfo.InvariantCulture);

    private const string ExactCode = "exact";
    private const string AcceleratedPrefix = "accelerated:";

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

        if (code.StartsWith(AcceleratedPrefix, StringComparison.Ordinal)
            && double.TryParse(code.AsSpan(AcceleratedPrefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out double tolerance)
            && tolerance > 0
            && double.IsFinite(tolerance))
        {
            var choice = Accelerated(tolerance);
            if (choice.Code == code)
            {
                return choice;
            }
        }

        throw new FormatException($"'{code}' is not a kernel code (expected '{ExactCode}' or '{AcceleratedPrefix}' and a positive tolerance in round-trip form, e.g. '{Accelerated().Code}')");
    }

    /// <summary>"exact" or e.g. "accelerated(tolerance=1E-10)".</summary>
    public override string ToString() => Kind == SpinKernelKind.Exact
        ? "exact"
        : string.Create(CultureInfo.InvariantCulture, $"accelerated(tolerance={Tolerance:R})");
}
