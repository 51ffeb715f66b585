using System.Diagnostics.CodeAnalysis;

namespace Sweep.Campaigns;

/// <summary>The outcome of parsing a spec: either the spec or every problem found.</summary>
public sealed class SpecParseResult
{
    private SpecParseResult(CampaignSpec? spec, IReadOnlyList<string> errors)
    {
        Spec = spec;
        Errors = errors;
    }

    public CampaignSpec? Spec { get; }

    /// <summary>Problems as "field: message", e.g. "blocks[0].Ns: must be at least 1 (got 0)".</summary>
    public IReadOnlyList<string> Errors { get; }

    [MemberNotNullWhen(true, nameof(Spec))]
    public bool IsValid => Spec is not null;

    public CampaignSpec GetSpecOrThrow() => Spec ?? throw new SpecValidationException(Errors);

    internal static SpecParseResult Valid(CampaignSpec spec) => new(spec, []);

    internal static SpecParseResult Invalid(IReadOnlyList<string> errors) => new(null, errors);
}
