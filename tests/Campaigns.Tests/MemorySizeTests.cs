namespace Sweep.Campaigns.Tests;

/// <summary>Sizes for --memory-per-slot: binary units, at least 1 MiB, anything else refused.</summary>
public class MemorySizeTests
{
    [Theory]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1.5gib", 3L << 29)]
    [InlineData(" 512 MiB ", 512L << 20)]
    [InlineData("1048576", 1L << 20)]
    [InlineData("1T", 1L << 40)]
    public void Reads_binary_units(string text, long bytes)
    {
        Assert.True(MemorySize.TryParse(text, out long read));
        Assert.Equal(bytes, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("2GB")]
    [InlineData("512K")]
    [InlineData("-1G")]
    [InlineData("NaN")]
    [InlineData("1e300G")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text) => Assert.False(MemorySize.TryParse(text, out _));

    [Theory]
    [InlineData(2L << 30, "2 GiB")]
    [InlineData(4_837_000d, "4.61 MiB")]
    public void Formats_in_binary_units(double bytes, string text) => Assert.Equal(text, MemorySize.Format(bytes));
}
