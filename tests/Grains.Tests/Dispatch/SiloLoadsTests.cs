using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Tests.Dispatch;

/// <summary>The dispatcher's per-silo slots, busy slots, leases and batches per second.</summary>
public sealed class SiloLoadsTests
{
    private static readonly DateTime T0 = new(2026, 12, 6, 3, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Active = TimeSpan.FromSeconds(30);

    private static SiloLoad[] Read(SiloLoads loads, DateTime now, Dictionary<string, int> leased, params string[] leaving)
        => loads.Read(now, s => leased.GetValueOrDefault(s), s => "name-" + s, leaving.Contains);

    [Fact]
    public void Busy_slots_are_the_leases_up_to_the_slots_and_the_rest_wait_in_the_silo()
    {
        var loads = new SiloLoads(Active);
        loads.Report("b", 2, T0);
        loads.Report("a", 4, T0);
        SiloLoad[] read = Read(loads, T0.AddSeconds(1), new() { ["a"] = 1, ["b"] = 3 });

        Assert.Equal(["a", "b"], read.Select(l => l.Address));
        Assert.Equal(new SiloLoad("name-a", "a", 4, 1, 1, 0), read[0]);
        Assert.Equal(new SiloLoad("name-b", "b", 2, 2, 3, 0), read[1]);
    }

    [Fact]
    public void Completions_count_for_their_silo_only()
    {
        var loads = new SiloLoads(Active);
        loads.Report("a", 1, T0);
        loads.Report("b", 1, T0);
        for (int i = 0; i < 20; i++)
        {
            loads.Completed("a", T0.AddSeconds(i * 0.5));
        }

        SiloLoad[] read = Read(loads, T0.AddSeconds(10), []);
        Assert.Equal(2.0, read[0].BatchesPerSecond, 1e-9);
        Assert.Equal(0, read[1].BatchesPerSecond);
    }

    [Fact]
    public void A_silent_silo_and_a_leaving_one_are_no_longer_shown()
    {
        var loads = new SiloLoads(Active);
        loads.Report("quiet", 2, T0);
        loads.Report("leaving", 2, T0.AddSeconds(25));
        loads.Report("working", 2, T0.AddSeconds(25));
        SiloLoad[] read = Read(loads, T0.AddSeconds(31), [], "leaving");

        Assert.Equal(["working"], read.Select(l => l.Address));
        Assert.Equal(1, loads.Count);
    }

    [Fact]
    public void The_slots_are_the_last_ones_the_silo_reported()
    {
        var loads = new SiloLoads(Active);
        loads.Report("a", 2, T0);
        loads.Report("a", 8, T0.AddSeconds(5));
        Assert.Equal(8, Read(loads, T0.AddSeconds(6), []).Single().Slots);
    }
}
