namespace BudgetHub.Web.Features.Usage;

/// <summary>The two dates of the Custom range as picked so far: either may still be missing, or the end may come before the start.</summary>
public sealed record CustomDates(DateTime? Start, DateTime? End)
{
    public static readonly CustomDates None = new(null, null);

    public bool EndsBeforeStart => Start is { } start && End is { } end && end.Date < start.Date;

    /// <summary>Both dates picked, in order: the range can be shown.</summary>
    public bool IsComplete => Start is not null && End is not null && !EndsBeforeStart;

    public string? EndError => EndsBeforeStart ? "The end date is before the start date." : null;

    /// <summary>What to ask for while the range cannot be shown yet.</summary>
    public string Prompt => (Start, End) switch
    {
        (null, null) => "Pick a start and an end date to see the usage of that range.",
        (null, _) => "Pick a start date as well to see the usage of that range.",
        (_, null) => "Pick an end date as well to see the usage of that range.",
        _ => "Pick an end date on or after the start date.",
    };
}
