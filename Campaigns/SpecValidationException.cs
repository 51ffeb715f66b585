namespace Sweep.Campaigns;

/// <summary>A spec was rejected; <see cref="Errors"/> lists every problem found.</summary>
public sealed class SpecValidationException : Exception
{
    public SpecValidationException(IReadOnlyList<string> errors)
        : base("invalid campaign spec:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
