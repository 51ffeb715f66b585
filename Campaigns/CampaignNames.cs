namespace Sweep.Campaigns;

/// <summary>
/// Rules for campaign names. Names become storage keys and file names, so they are restricted
/// to characters that need no escaping anywhere.
/// </summary>
public static class CampaignNames
{
    /// <summary>The problem with <paramref name="name"/>, or null when it is a valid campaign name.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0 || name.Length > CampaignSpec.MaxNameLength)
        {
            return $"must be 1 to {CampaignSpec.MaxNameLength} characters long (got {name.Length})";
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
            {
                return $"may contain only letters, digits, '-', '_' and '.' (found '{c}')";
            }
        }

        // "." and ".." would name the current and parent directory in a file-backed store.
        if (name.All(c => c == '.'))
        {
            return "must not consist of dots only";
        }

        return null;
    }
}
