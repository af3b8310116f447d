namespace BudgetHub.Infrastructure.Live;

/// <summary>What changed in an account. Hub message names are these in lower case (API.md).</summary>
[Flags]
public enum LiveTopics
{
    None = 0,
    Counters = 1,
    Enforcement = 2,
    Alert = 4,
    Bot = 8,

    /// <summary>A policy was created, changed (renamed, new limit, turned on or off) or deleted.</summary>
    Policy = 16,
    All = Counters | Enforcement | Alert | Bot | Policy,
}
