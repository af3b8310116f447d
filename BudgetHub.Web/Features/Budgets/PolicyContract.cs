using System.Text.Json;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>The policy JSON of API.md, and its translation to and from <see cref="PolicyInput"/>.</summary>
internal static class PolicyContract
{
    /// <param name="Id">This and the other fields that a policy's answer adds are accepted and ignored, so that an answer can be edited and PUT back.</param>
    internal sealed record PolicyRequest(
        string? Name, string? Kind, ScopeDto? Scope, string? Metric, decimal? Limit, WindowDto? Window, int[]? Thresholds,
        string? Action, string? BlockFor, NotifyDto? Notify, FilterDto? Filter, bool? Enabled, string? MaxAge,
        bool? BlockUntilResumed = null, JsonElement? Id = null, JsonElement? CreatedAt = null, JsonElement? CreatedBy = null, JsonElement? UpdatedAt = null, JsonElement? UpdatedBy = null);

    internal sealed record ScopeDto(string? Type, string? Id);

    internal sealed record WindowDto(string? Type, string? Unit, string? Duration);

    internal sealed record NotifyDto(bool? Email, string[]? Recipients, bool? InApp, string? WebhookUrl);

    internal sealed record FilterDto(string? Model, string? Category);

    internal sealed record PolicyResponse(
        string Id, string Name, string Kind, ScopeDto Scope, string? Metric, decimal? Limit, WindowDto? Window, IReadOnlyList<int>? Thresholds,
        string? Action, string? BlockFor, bool? BlockUntilResumed, NotifyDto? Notify, FilterDto? Filter, bool Enabled, string? MaxAge,
        DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy);

    public static string IdOf(long id) => PublicId.Format("pol", id);

    /// <summary>Translates the request; unknown names are reported in <paramref name="errors"/> and replaced by defaults so validation can go on.</summary>
    public static PolicyInput ToInput(PolicyRequest request, Dictionary<string, string[]> errors)
    {
        var kind = Parse(request.Kind ?? "usage", "kind", errors, ("usage", PolicyKind.Usage), ("retention", PolicyKind.Retention));
        var scope = request.Scope is null
            ? Missing<ScopeType>("scope.type", "Required: account, team, bot, tier or user.", errors)
            : Parse(request.Scope.Type, "scope.type", errors, ("account", ScopeType.Account), ("team", ScopeType.Team), ("bot", ScopeType.Bot), ("tier", ScopeType.Tier), ("user", ScopeType.User));
        if (scope == ScopeType.Account && request.Scope?.Id is not null)
        {
            errors["scope.id"] = ["An account-wide policy has no id: leave it out, or choose a team, bot, tier or user scope."];
        }

        if (kind == PolicyKind.Retention)
        {
            RefuseUsageFields(request, errors);
            return new PolicyInput
            {
                Name = request.Name, Kind = kind, ScopeType = scope, ScopeId = request.Scope?.Id, MaxAge = request.MaxAge, Enabled = request.Enabled ?? true,
            };
        }

        if (request.MaxAge is not null)
        {
            errors["maxAge"] = ["Only a retention policy has maxAge: add \"kind\": \"retention\", or leave maxAge out."];
        }

        var metric = Parse(request.Metric, "metric", errors, ("tokens", Metric.Tokens), ("messages", Metric.Messages), ("conversations", Metric.Conversations),
            ("cost", Metric.Cost), ("calls", Metric.Calls), ("errors", Metric.Errors));
        var action = Parse(request.Action ?? "warn", "action", errors, ("warn", PolicyAction.Warn), ("block", PolicyAction.Block), ("dry_run", PolicyAction.DryRun));
        string? unit = null, duration = null;
        switch (request.Window?.Type)
        {
            case "fixed":
                unit = request.Window.Unit;
                if (request.Window.Duration is not null)
                {
                    errors["window.duration"] = ["A fixed window has no duration: it is the calendar hour, day, week or month of its unit. "
                        + "For a window of any length, use { \"type\": \"rolling\", \"duration\": \"PT1H\" }."];
                }

                break;
            case "rolling":
                duration = request.Window.Duration ?? "";
                if (request.Window.Unit is not null)
                {
                    errors["window.unit"] = ["A rolling window has no unit: its length is its duration, e.g. PT1H. For a calendar unit, use { \"type\": \"fixed\", \"unit\": \"day\" }."];
                }

                break;
            default:
                unit = "month";
                errors["window.type"] = [request.Window is null ? "Required: { \"type\": \"fixed\", \"unit\": \"month\" } or { \"type\": \"rolling\", \"duration\": \"PT1H\" }." : "Must be fixed or rolling."];
                break;
        }

        return new PolicyInput
        {
            Name = request.Name,
            Kind = kind,
            ScopeType = scope,
            ScopeId = request.Scope?.Id,
            Metric = metric,
            Limit = request.Limit,
            WindowUnit = unit,
            RollingDuration = duration,
            Thresholds = request.Thresholds ?? UsagePolicy.DefaultThresholds,
            Action = action,
            BlockFor = request.BlockFor,
            BlockUntilResumed = request.BlockUntilResumed ?? false,
            // Without notify, email and in-app; with it, only the channels it names (recipients name email).
            NotifyEmail = request.Notify?.Email ?? (request.Notify is null || request.Notify.Recipients is { Length: > 0 }),
            Recipients = request.Notify?.Recipients ?? [],
            NotifyInApp = request.Notify?.InApp ?? request.Notify is null,
            WebhookUrl = request.Notify?.WebhookUrl,
            FilterModel = request.Filter?.Model,
            FilterCategory = request.Filter?.Category,
            Enabled = request.Enabled ?? true,
        };
    }

    /// <summary>A retention policy keeps data for maxAge in its scope: what only a usage policy has would be ignored.</summary>
    private static void RefuseUsageFields(PolicyRequest request, Dictionary<string, string[]> errors)
    {
        (string Field, bool Sent)[] usageFields =
        [
            ("metric", request.Metric is not null), ("limit", request.Limit is not null), ("window", request.Window is not null),
            ("thresholds", request.Thresholds is not null), ("action", request.Action is not null), ("blockFor", request.BlockFor is not null),
            ("blockUntilResumed", request.BlockUntilResumed is not null),
            ("notify", request.Notify is not null), ("filter", request.Filter is not null),
        ];
        foreach (var (field, _) in usageFields.Where(f => f.Sent))
        {
            errors[field] = [$"A retention policy has no {field}: it has a scope and a maxAge, and deletes usage older than that. Leave {field} out, or send \"kind\": \"usage\"."];
        }
    }

    public static PolicyResponse ToResponse(PolicyRecord row)
    {
        var input = PolicyValidator.ToInput(row);
        var scope = new ScopeDto(Name(row.ScopeType), input.ScopeId);
        var created = new DateTimeOffset(row.CreatedAt);
        var updated = new DateTimeOffset(row.UpdatedAt);
        if (row.Kind == PolicyKind.Retention)
        {
            return new PolicyResponse(IdOf(row.Id), row.Name, "retention", scope, null, null, null, null, null, null, null, null, null,
                row.Enabled, input.MaxAge, created, row.CreatedBy, updated, row.UpdatedBy);
        }

        return new PolicyResponse(
            IdOf(row.Id), row.Name, "usage", scope, Name(row.Metric), input.Limit,
            input.RollingDuration is { } rolling ? new WindowDto("rolling", null, rolling) : new WindowDto("fixed", input.WindowUnit, null),
            input.Thresholds, ActionName(row.Action), input.BlockFor, row.BlockUntilResumed,
            new NotifyDto(row.NotifyEmail, [.. input.Recipients], row.NotifyInApp, row.WebhookUrl),
            new FilterDto(row.FilterModel, row.FilterCategory), row.Enabled, null, created, row.CreatedBy, updated, row.UpdatedBy);
    }

    public static string ActionName(PolicyAction action) => action == PolicyAction.DryRun ? "dry_run" : Name(action);

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T Parse<T>(string? text, string field, Dictionary<string, string[]> errors, params (string Name, T Value)[] options)
    {
        foreach (var (name, value) in options)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        errors[field] = [$"{(text is null ? "Required" : $"'{text}' is not valid")}: one of {string.Join(", ", options.Select(o => o.Name))}."];
        return options[0].Value;
    }

    private static T Missing<T>(string field, string message, Dictionary<string, string[]> errors) where T : struct
    {
        errors[field] = [message];
        return default;
    }
}
