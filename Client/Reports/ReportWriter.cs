namespace Sweep.Client.Reports;

/// <summary>Writes a built report: every figure with its CSV and JSON, the point pages and index.html.</summary>
internal static class ReportWriter
{
    public static void Write(ReportContents contents, string outDir, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(contents);
        Directory.CreateDirectory(outDir);
        foreach (Figure f in contents.AllFigures)
        {
            FigureWriter.Write(f, outDir);
        }

        foreach (PointPage page in contents.Points)
        {
            File.WriteAllText(Path.Combine(outDir, page.HtmlPath), ReportHtml.Page(page, contents.Source.Campaign));
        }

        File.WriteAllText(Path.Combine(outDir, "spec.json"), contents.Source.SpecJson);
        File.WriteAllText(Path.Combine(outDir, "index.html"), ReportHtml.Index(contents, generatedAt));
    }
}
