using System.Globalization;

namespace Sweep.Campaigns;

/// <summary>
/// A memory size as users write it (--memory-per-slot of `sweep run` and `sweep-silo`) and as
/// messages print it: binary units throughout, so "2GiB" and "2G" are 2^31 bytes.
/// </summary>
public static class MemorySize
{
    /// <summary>
    /// Reads a size such as "3GiB", "512 MiB", "1.5G" or "2147483648": binary units (K, M, G, T,
    /// with or without "iB"), plain bytes without one. False for anything else or a size under 1 MiB.
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        string s = (text ?? string.Empty).Trim();
        int end = s.Length;
        while (end > 0 && char.IsLetter(s[end - 1]))
        {
            end--;
        }

        double scale = s[end..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KIB" => 1L << 10,
            "M" or "MIB" => 1L << 20,
            "G" or "GIB" => 1L << 30,
            "T" or "TIB" => 1L << 40,
            _ => 0,
        };
        if (scale == 0 || !double.TryParse(s[..end].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return false;
        }

        double total = Math.Floor(value * scale);
        if (!(total >= 1L << 20 && total <= 1L << 50))
        {
            return false;
        }

        bytes = (long)total;
        return true;
    }

    /// <summary>Bytes in binary units with two decimals ("1.5 GiB", "640 MiB"), as the messages give them.</summary>
    public static string Format(double bytes)
    {
        var c = CultureInfo.InvariantCulture;
        return bytes >= 1L << 30
            ? string.Create(c, $"{bytes / (1L << 30):0.##} GiB")
            : string.Create(c, $"{bytes / (1L << 20):0.##} MiB");
    }
}
