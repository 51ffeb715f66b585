using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Output;

/// <summary>
/// The scaling table (Fig. 2(c)) and the per-point betas as text (Spectre.Console tables), CSV,
/// JSON or Markdown. p is the exponent of |beta - d/alpha| ~ N^-p; betas are dimensionless.
/// </summary>
internal static class TableWriter
{
    public static readonly string[] Formats = ["text", "csv", "json", "md"];

    public static string Render(ScalingTable table, IReadOnlyList<PointSummary> points, string format) => format switch
    {
        "text" => Text(table, points),
        "csv" => Csv(table, points),
        "json" => TableJson.Write(table, points),
        "md" => Markdown(table),
        _ => throw new ArgumentException($"unknown format '{format}'", nameof(format)),
    };

    private static string F(double v, string fmt = "F4") => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "n/a";

    private static string G4(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Text(ScalingTable t, IReadOnlyList<PointSummary> points)
    {
        var exponents = NewTable(("d", true), ("alpha", true), ("d/alpha", true), ("obs", false), ("p", true), ("p_err", true), ("N values (Ns)", false));
        foreach (ExponentRow r in t.Exponents)
        {
            string ns = string.Join(" ", r.N.Zip(r.Ns, (n, s) => string.Create(CultureInfo.InvariantCulture, $"{n}({s})")));
            exponents.AddRow(Cells(
                r.D.ToString(CultureInfo.InvariantCulture),
                G4(r.Alpha),
                F(r.BetaInf),
                r.Observable.Name(),
                r.Error is null ? F(r.P) : "n/a",
                r.Error is null ? F(r.PErr) : "n/a",
                r.Error is null ? ns : $"{ns}  [{r.Error}]"));
        }

        var perPoint = NewTable(("d", true), ("alpha", true), ("x", true), ("N", true), ("status", false), ("beta_mag", false), ("beta_pur", false), ("Ns", true), ("target", false));
        foreach (PointSummary s in points)
        {
            perPoint.AddRow(Cells(
                s.Key.D.ToString(CultureInfo.InvariantCulture),
                G4(s.Key.Alpha),
                G4(s.Key.X),
                s.Key.N.ToString(CultureInfo.InvariantCulture),
                s.Status.ToString(),
                Beta(s.FitMag),
                Beta(s.FitPur),
                s.RealizationsDone.ToString(CultureInfo.InvariantCulture),
                TargetText(s)));
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Fig. 2(c) scaling table: |beta - d/alpha| ~ N^-p, beta averaged over x <= {t.StrongDisorderMaxX:R}{(t.Partial ? " (PARTIAL: not every point is done)" : string.Empty)}\n");
        sb.Append(ToText(exponents));
        sb.Append('\n');
        sb.Append("per-point fitted beta (jackknife error):\n");
        sb.Append(ToText(perPoint));
        return sb.ToString();
    }

    private static Table NewTable(params (string Header, bool Right)[] columns)
    {
        var table = new Table { Border = TableBorder.Ascii2 };
        foreach ((string header, bool right) in columns)
        {
            var column = new TableColumn(new Text(header));
            table.AddColumn(right ? column.RightAligned() : column.LeftAligned());
        }

        return table;
    }

    // Cells are plain text: Spectre markup would read "[...]" in an error as a style.
    private static IRenderable[] Cells(params string[] cells) => [.. cells.Select(c => new Text(c))];

    /// <summary>A table rendered without colour or terminal codes, as wide as it needs; the ASCII border reads the same in logs and files.</summary>
    private static string ToText(Table table)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 1000;
        console.Write(table);
        return string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n') + "\n";
    }

    /// <summary>"-" without a target; else the target and, once stopped, whether it was reached or maxNs stopped the point.</summary>
    public static string TargetText(PointSummary s) => s.Target is not { } t
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{s.TargetOutcome ?? "running"} (<= {t.BetaError:R} on {string.Join('+', t.Observables.Select(o => o.Name()))}, maxNs {t.MaxNs})");

    private static string Beta(FitData? f) => f switch
    {
        null => "-",
        { Ok: false } => "fit failed",
        _ => $"{F(f.Beta)} +- {F(f.BetaJackknifeError)}",
    };

    private static string Csv(ScalingTable t, IReadOnlyList<PointSummary> points)
    {
        var csv = new CsvWriter();
        csv.Row("table", "d", "alpha", "beta_inf", "observable", "p", "p_err", "amplitude", "N_values", "Ns_values", "error");
        foreach (ExponentRow r in t.Exponents)
        {
            csv.Row("exponent", CsvWriter.Integer(r.D), CsvWriter.Number(r.Alpha), CsvWriter.Number(r.BetaInf), r.Observable.Name(), CsvWriter.Number(r.P), CsvWriter.Number(r.PErr), CsvWriter.Number(r.Amplitude), string.Join(';', r.N), string.Join(';', r.Ns), r.Error);
        }

        csv.Line();
        csv.Row("table", "d", "alpha", "x", "N", "status", "beta_mag", "beta_mag_jackknife", "beta_pur", "beta_pur_jackknife", "Ns", "target_beta_error", "target_outcome");
        foreach (PointSummary s in points)
        {
            csv.Row("point", CsvWriter.Integer(s.Key.D), CsvWriter.Number(s.Key.Alpha), CsvWriter.Number(s.Key.X), CsvWriter.Integer(s.Key.N), s.Status.ToString(), CsvWriter.Number(s.FitMag?.Beta ?? double.NaN), CsvWriter.Number(s.FitMag?.BetaJackknifeError ?? double.NaN), CsvWriter.Number(s.FitPur?.Beta ?? double.NaN), CsvWriter.Number(s.FitPur?.BetaJackknifeError ?? double.NaN), CsvWriter.Integer(s.RealizationsDone), CsvWriter.Number(s.Target?.BetaError ?? double.NaN), s.TargetOutcome);
        }

        return csv.ToString();
    }

    private static string Markdown(ScalingTable t)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| d | alpha | d/alpha | observable | p | p error | N values |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (ExponentRow r in t.Exponents)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.D} | {r.Alpha:G4} | {r.BetaInf:F4} | {r.Observable.Name()} | {F(r.P)} | {F(r.PErr)} | {string.Join(", ", r.N)} |");
        }

        return sb.ToString();
    }
}
