using System.Globalization;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;

namespace BudgetHub.Infrastructure.Budgets;

/// <summary>Stored policy rows to the domain's <see cref="UsagePolicy"/>.</summary>
public static class PolicyMapping
{
    public static UsagePolicy ToDomain(this PolicyRecord record) => new(
        record.Id,
        record.Name,
        new PolicyScope(record.ScopeType, record.ScopeKey),
        record.Metric,
        record.Limit,
        WindowOf(record),
        ParseThresholds(record.Thresholds),
        record.Action,
        record.BlockForSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        new PolicyFilter(record.FilterModel, record.FilterCategory),
        record.Enabled,
        record.BlockUntilResumed);

    public static WindowSpec WindowOf(PolicyRecord record) => record.RollingSeconds is { } seconds
        ? WindowSpec.RollingFor(TimeSpan.FromSeconds(seconds))
        : WindowSpec.Calendar(Enum.Parse<CalendarUnit>(record.WindowUnit ?? "month", ignoreCase: true));

    public static IReadOnlyList<int> ParseThresholds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.Parse(t, CultureInfo.InvariantCulture)).Order().ToList();

    public static string FormatThresholds(IEnumerable<int> thresholds) =>
        string.Join(',', thresholds.Distinct().Order().Select(t => t.ToString(CultureInfo.InvariantCulture)));
}
