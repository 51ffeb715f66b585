namespace Sweep.Campaigns;

/// <summary>
/// Collects validation problems as "path: message" so one run of the parser reports every
/// problem at once, each naming the field a user has to fix.
/// </summary>
internal sealed class SpecErrors
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public int Count => _messages.Count;

    /// <summary>Records a problem; an empty path means the document as a whole.</summary>
    public void Add(string path, string message) =>
        _messages.Add(path.Length == 0 ? message : $"{path}: {message}");

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";
}
