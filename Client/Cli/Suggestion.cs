namespace Sweep.Client.Cli;

/// <summary>
/// The "did you mean" of a mistyped command or option: the closest known name, if it is close
/// enough to be a slip of the fingers rather than another word.
/// </summary>
internal static class Suggestion
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in known)
        {
            int distance = Distance(typed, name);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        // About one edit per three letters: "--slot" finds "--slots", "--progres" finds
        // "--progress-seconds" through the prefix rule, but "--x" is no typo of "--n".
        string bare = typed.TrimStart('-');
        int limit = Math.Clamp(bare.Length / 3, 1, 3);
        if (best is not null && bestDistance <= limit && bestDistance < bare.Length)
        {
            return best;
        }

        return bare.Length >= 3
            ? known.Where(k => k.StartsWith(typed, StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    /// <summary>Edit distance counting an insertion, deletion, substitution or swap of neighbours as one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
