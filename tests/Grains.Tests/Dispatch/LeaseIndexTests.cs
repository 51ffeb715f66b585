using Sweep.Grains.Dispatch;

namespace Sweep.Grains.Tests.Dispatch;

public sealed class LeaseIndexTests
{
    [Fact]
    public void Leases_are_kept_by_silo_and_a_silo_without_leases_is_forgotten()
    {
        var index = new LeaseIndex();
        index.Add("silo-a", "p/0+2");
        index.Add("silo-a", "p/2+2");
        index.Add("silo-b", "q/0+2");
        index.Add("silo-a", "p/0+2");

        Assert.Equal(3, index.Count);
        Assert.Equal(["p/0+2", "p/2+2"], index.KeysOf("silo-a").Order(StringComparer.Ordinal));
        Assert.Equal(["q/0+2"], index.KeysOf("silo-b"));
        Assert.Empty(index.KeysOf("silo-c"));

        index.Remove("silo-b", "q/0+2");
        index.Remove("silo-b", "q/0+2");
        index.Remove("silo-a", "q/0+2");

        Assert.Equal(2, index.Count);
        Assert.Equal(["silo-a"], index.Silos);
        Assert.Equal(["p/0+2", "p/2+2"], index.AllKeys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_copy_of_a_silos_keys_can_be_walked_while_its_leases_are_removed()
    {
        var index = new LeaseIndex();
        index.Add("silo-a", "p/0+2");
        index.Add("silo-a", "p/2+2");

        foreach (string key in index.KeysOf("silo-a"))
        {
            index.Remove("silo-a", key);
        }

        Assert.Equal(0, index.Count);
        Assert.Empty(index.Silos);
    }
}
