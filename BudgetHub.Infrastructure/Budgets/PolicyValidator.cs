using System.Net.Mail;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Budgets;

/// <summary>Checks a <see cref="PolicyInput"/> and turns it into a row; errors are keyed by the API's field paths.</summary>
public static class PolicyValidator
{
    public const int MaxRecipients = 20;
    private static readonly string[] Units = ["hour", "day", "week", "month"];

    public static Dictionary<string, string[]> Validate(PolicyInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            Error("name", "Required: 1 to 200 characters.");
        }
        else if (input.Name.Trim().Length > 200)
        {
            Error("name", $"At most 200 characters (this one has {input.Name.Trim().Length}).");
        }

        if (input.ScopeType != ScopeType.Account && (string.IsNullOrWhiteSpace(input.ScopeId) || !IdLength.IsWithinMax(input.ScopeId)))
        {
            Error("scope.id", $"Required for a {input.ScopeType.ToString().ToLowerInvariant()} scope: 1 to {IdLength.Max} characters.");
        }

        if (input.Kind == PolicyKind.Retention)
        {
            if (input.ScopeType is not (ScopeType.Account or ScopeType.Bot))
            {
                Error("scope.type", "A retention policy covers the account or one bot.");
            }

            if (string.IsNullOrEmpty(input.MaxAge))
            {
                Error("maxAge", "Required: an ISO 8601 duration of at least one hour, e.g. P30D.");
            }
            else if (IsoDuration.HasMonthsOrYears(input.MaxAge))
            {
                Error("maxAge", "Months and years differ in length: give days instead, e.g. P30D for a month or P365D for a year.");
            }
            else if (!IsoDuration.TryParse(input.MaxAge, out var maxAge))
            {
                Error("maxAge", $"Not an ISO 8601 duration in weeks, days, hours, minutes or seconds up to {IsoDuration.MaxDays} days, e.g. P30D or PT12H.");
            }
            else if (maxAge < TimeSpan.FromHours(1))
            {
                Error("maxAge", "At least one hour (PT1H): newer usage is never deleted.");
            }

            return errors;
        }

        ValidateLimit(input, Error);
        ValidateWindow(input, Error);
        for (var i = 0; i < input.Thresholds.Count; i++)
        {
            if (input.Thresholds[i] is < 1 or > 99)
            {
                Error($"thresholds[{i}]", "Alert thresholds are percentages from 1 to 99; reaching 100% always alerts.");
            }
        }

        if (input.Thresholds.Distinct().Count() != input.Thresholds.Count)
        {
            Error("thresholds", "Each threshold may appear once.");
        }

        if (IsoDuration.HasMonthsOrYears(input.BlockFor))
        {
            Error("blockFor", "Months and years differ in length: give days instead, e.g. P30D.");
        }
        else if (input.BlockFor is not null && (!IsoDuration.TryParse(input.BlockFor, out var blockFor) || blockFor <= TimeSpan.Zero))
        {
            Error("blockFor", "Must be an ISO 8601 duration greater than zero, e.g. PT1H.");
        }

        if (input.BlockFor is not null && input.Action != PolicyAction.Block)
        {
            Error("blockFor", "Only a policy with action 'block' blocks; remove blockFor or set action to block.");
        }

        if (input.BlockUntilResumed && input.Action != PolicyAction.Block)
        {
            Error("blockUntilResumed", "Only a policy with action 'block' blocks; remove blockUntilResumed or set action to block.");
        }
        else if (input.BlockUntilResumed && input.BlockFor is not null)
        {
            Error("blockUntilResumed", "A block lasts blockFor or until someone resumes it: give one of them.");
        }

        ValidateNotify(input, Error);
        if (input.FilterModel is { } model && (model.Length == 0 || !IdLength.IsWithinMax(model)))
        {
            Error("filter.model", $"1 to {IdLength.Max} characters, or null for every model.");
        }

        if (input.FilterCategory is { } category && (category.Length == 0 || !IdLength.IsWithinMax(category)))
        {
            Error("filter.category", $"1 to {IdLength.Max} characters, or null for every category.");
        }

        return errors;
    }

    private static void ValidateLimit(PolicyInput input, Action<string, string> error)
    {
        if (input.Limit is not { } limit)
        {
            error("limit", "Required: a number of at least 0 (0 means no limit).");
        }
        else if (limit < 0)
        {
            error("limit", "Must be 0 or more (0 means no limit).");
        }
        else if (input.Metric != Metric.Cost && limit != decimal.Truncate(limit))
        {
            error("limit", $"A {input.Metric.ToString().ToLowerInvariant()} limit is a whole number.");
        }
        else if (input.Metric == Metric.Cost && decimal.Round(limit, 6) != limit)
        {
            // Counted in whole micro-dollars: rounded, $0.0000004 would be a limit of 0, which means none.
            error("limit", limit < 0.000001m
                ? "A cost limit is at least $0.000001 (a millionth of a dollar), or 0 for no limit."
                : "At most 6 decimal places: costs are counted in millionths of a dollar.");
        }
        else if (limit > (input.Metric == Metric.Cost ? 1_000_000_000m : 1_000_000_000_000_000m))
        {
            error("limit", "Too large.");
        }
    }

    private static void ValidateWindow(PolicyInput input, Action<string, string> error)
    {
        if (IsoDuration.HasMonthsOrYears(input.RollingDuration))
        {
            error("window.duration", "Months and years differ in length: give days (at most P31D), or a calendar window with unit month.");
        }
        else if (input.RollingDuration is not null)
        {
            if (!IsoDuration.TryParse(input.RollingDuration, out var duration) || duration < WindowSpec.MinimumRollingDuration
                || duration.Ticks % TimeSpan.TicksPerMinute != 0 || duration > TimeSpan.FromDays(31))
            {
                error("window.duration", "A rolling window is an ISO 8601 duration of whole minutes, from PT1M to P31D, e.g. PT30M or P7D.");
            }
        }
        else if (input.WindowUnit is null || !Units.Contains(input.WindowUnit))
        {
            error("window.unit", "Must be one of hour, day, week, month (or use a rolling window with a duration).");
        }
    }

    private static void ValidateNotify(PolicyInput input, Action<string, string> error)
    {
        if (input.Recipients.Count > MaxRecipients)
        {
            error("notify.recipients", $"At most {MaxRecipients} recipients.");
        }

        for (var i = 0; i < input.Recipients.Count; i++)
        {
            if (!MailAddress.TryCreate(input.Recipients[i], out _))
            {
                error($"notify.recipients[{i}]", "Must be an email address.");
            }
        }

        if (input.WebhookUrl is not null
            && (!Uri.TryCreate(input.WebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
        {
            error("notify.webhookUrl", "Must be an absolute http(s) URL.");
        }

        var notifies = input.NotifyEmail || input.NotifyInApp || input.WebhookUrl is not null;
        if (input.Action != PolicyAction.Block && !notifies)
        {
            error("action", "A usage policy needs at least one action: block, or a notification channel (email, in-app or webhook).");
        }
    }

    /// <summary>Copies a valid input onto a row (new or existing).</summary>
    public static void Apply(PolicyInput input, PolicyRecord row)
    {
        row.Name = input.Name!.Trim();
        row.Kind = input.Kind;
        row.ScopeType = input.ScopeType;
        row.ScopeKey = input.ScopeType == ScopeType.Account ? "" : input.ScopeId!.Trim();
        row.Enabled = input.Enabled;
        if (input.Kind == PolicyKind.Retention)
        {
            row.MaxAgeSeconds = IsoDuration.TryParse(input.MaxAge, out var maxAge) ? (long)maxAge.TotalSeconds : null;
            row.WindowUnit = null;
            row.RollingSeconds = null;
            return;
        }

        row.Metric = input.Metric;
        row.Limit = input.Metric == Metric.Cost ? Money.ToMicros(input.Limit!.Value) : (long)input.Limit!.Value;
        if (input.RollingDuration is not null && IsoDuration.TryParse(input.RollingDuration, out var rolling))
        {
            row.RollingSeconds = (long)rolling.TotalSeconds;
            row.WindowUnit = null;
        }
        else
        {
            row.RollingSeconds = null;
            row.WindowUnit = input.WindowUnit;
        }

        row.Thresholds = PolicyMapping.FormatThresholds(input.Thresholds);
        row.Action = input.Action;
        row.BlockForSeconds = input.BlockFor is not null && IsoDuration.TryParse(input.BlockFor, out var blockFor) ? (long)blockFor.TotalSeconds : null;
        row.BlockUntilResumed = input.BlockUntilResumed;
        row.NotifyEmail = input.NotifyEmail;
        row.NotifyRecipients = string.Join(',', input.Recipients.Select(r => r.Trim()));
        row.NotifyInApp = input.NotifyInApp;
        row.WebhookUrl = input.WebhookUrl;
        row.FilterModel = input.FilterModel;
        row.FilterCategory = input.FilterCategory;
        row.MaxAgeSeconds = null;
    }

    /// <summary>A row back to the input shape, for editing.</summary>
    public static PolicyInput ToInput(PolicyRecord row) => new()
    {
        Name = row.Name,
        Kind = row.Kind,
        ScopeType = row.ScopeType,
        ScopeId = row.ScopeType == ScopeType.Account ? null : row.ScopeKey,
        Metric = row.Metric,
        Limit = row.Metric == Metric.Cost ? Money.ToUsd(row.Limit) : row.Limit,
        WindowUnit = row.WindowUnit,
        RollingDuration = row.RollingSeconds is { } seconds ? IsoDuration.Format(TimeSpan.FromSeconds(seconds)) : null,
        Thresholds = PolicyMapping.ParseThresholds(row.Thresholds),
        Action = row.Action,
        BlockFor = row.BlockForSeconds is { } blockFor ? IsoDuration.Format(TimeSpan.FromSeconds(blockFor)) : null,
        BlockUntilResumed = row.BlockUntilResumed,
        NotifyEmail = row.NotifyEmail,
        Recipients = row.NotifyRecipients.Split(',', StringSplitOptions.RemoveEmptyEntries),
        NotifyInApp = row.NotifyInApp,
        WebhookUrl = row.WebhookUrl,
        FilterModel = row.FilterModel,
        FilterCategory = row.FilterCategory,
        Enabled = row.Enabled,
        MaxAge = row.MaxAgeSeconds is { } maxAge ? IsoDuration.Format(TimeSpan.FromSeconds(maxAge)) : null,
    };
}
