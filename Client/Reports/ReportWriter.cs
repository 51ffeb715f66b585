using Sweep.Client.Output;

namespace Sweep.Client.Reports;

/// <summary>Writes a built report: every figure with its CSV and JSON, the point pages and index.html.</summary>
internal static class ReportWriter
{
    public static void Write(ReportContents contents, OutputDirectory output, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(output);
        output.Create();
        foreach (Figure f in contents.AllFigures)
        {
            FigureWriter.Write(f, output);
        }

        foreach (PointPage page in contents.Points)
        {
            output.WriteText(page.HtmlPath, ReportHtml.Page(page, contents.Source.Campaign));
        }

        output.WriteText("spec.json", contents.Source.SpecJson);
        output.WriteText("index.html", ReportHtml.Index(contents, generatedAt));
    }
}
