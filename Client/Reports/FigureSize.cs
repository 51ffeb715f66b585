namespace Sweep.Client.Reports;

/// <summary>Pixel sizes of the report's PNGs: large enough for print, small enough for a page.</summary>
internal static class FigureSize
{
    public const int PaperWidth = 1200;
    public const int PaperHeight = 800;
    public const int PageWidth = 960;
    public const int PageHeight = 640;
}
