using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Budgets;

/// <summary>
/// A policy as a person or an API call describes it, before validation. Money limits are in USD;
/// durations are ISO 8601 text. The same shape serves the API and the dialogs.
/// </summary>
public sealed record PolicyInput
{
    public string? Name { get; init; }
    public PolicyKind Kind { get; init; } = PolicyKind.Usage;
    public ScopeType ScopeType { get; init; } = ScopeType.Account;
    public string? ScopeId { get; init; }
    public Metric Metric { get; init; } = Metric.Tokens;
    public decimal? Limit { get; init; }

    /// <summary>A calendar unit (hour, day, week, month), or null with <see cref="RollingDuration"/>.</summary>
    public string? WindowUnit { get; init; } = "month";
    public string? RollingDuration { get; init; }
    public IReadOnlyList<int> Thresholds { get; init; } = UsagePolicy.DefaultThresholds;
    public PolicyAction Action { get; init; } = PolicyAction.Warn;
    public string? BlockFor { get; init; }
    public bool BlockUntilResumed { get; init; }
    public bool NotifyEmail { get; init; } = true;
    public IReadOnlyList<string> Recipients { get; init; } = [];
    public bool NotifyInApp { get; init; } = true;
    public string? WebhookUrl { get; init; }
    public string? FilterModel { get; init; }
    public string? FilterCategory { get; init; }
    public bool Enabled { get; init; } = true;
    public string? MaxAge { get; init; }
}
