using System.Globalization;

namespace Sweep.CampaignBench;

/// <summary>Collections, pause time and allocation between its start and its report.</summary>
internal readonly record struct GcWindow(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated)
{
    public static GcWindow Start()
        => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: false));

    public string Report()
    {
        GcWindow now = Start();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{now.Gen0 - Gen0} gen0 / {now.Gen1 - Gen1} gen1 / {now.Gen2 - Gen2} gen2 collections, GC pause {(now.Pause - Pause).TotalSeconds:F2} s, {(now.Allocated - Allocated) / 1e9:F2} GB allocated");
    }
}
