using System.Text;
using Sweep.Client.Reports;

namespace Sweep.Client.Dashboard;

/// <summary>One figure drawn in one format, as the dashboard serves it.</summary>
internal sealed record FigureFile(byte[] Bytes, string ContentType)
{
    /// <summary>The figure as SVG, PNG or its data as CSV; null for any other extension.</summary>
    public static FigureFile? Draw(Figure figure, string ext)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return ext switch
        {
            ".svg" => new FigureFile(Encoding.UTF8.GetBytes(figure.Plot.GetSvgXml(figure.Width, figure.Height)), "image/svg+xml"),
            ".png" => new FigureFile(figure.Plot.GetImageBytes(figure.Width, figure.Height, ScottPlot.ImageFormat.Png), "image/png"),
            ".csv" => new FigureFile(Encoding.UTF8.GetBytes(FigureWriter.Csv(figure)), "text/csv; charset=utf-8"),
            _ => null,
        };
    }
}
