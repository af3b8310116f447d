using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Features.Bots;

/// <summary>One of a bot's four caps (seed 004): a bot-scope block policy on tokens or cost per day or month.</summary>
public sealed record BotCap(string Label, Metric Metric, string Unit)
{
    public static readonly BotCap[] All =
    [
        new("Daily tokens", Metric.Tokens, "day"),
        new("Daily cost (USD)", Metric.Cost, "day"),
        new("Monthly tokens", Metric.Tokens, "month"),
        new("Monthly cost (USD)", Metric.Cost, "month"),
    ];

    /// <summary>
    /// The policy's name. Caps are found again by scope, metric, window and this name, or this name with
    /// " (2)", " (3)", … when another policy had it first (policy names ignore case, so bots "Support" and
    /// "support" cannot both have "support · daily cost cap").
    /// </summary>
    public string PolicyName(string botId) => $"{botId} · {(Unit == "day" ? "daily" : "monthly")} {(Metric == Metric.Cost ? "cost" : "token")} cap";

    public PolicyRecord? Find(string botId, IEnumerable<PolicyRecord> policies) => policies.FirstOrDefault(p =>
        p.Kind == PolicyKind.Usage && p.ScopeType == ScopeType.Bot && p.ScopeKey == botId && p.Metric == Metric
        && p.WindowUnit == Unit && p.RollingSeconds is null && IsNamedFor(p.Name, botId));

    private bool IsNamedFor(string name, string botId)
    {
        var stem = PolicyName(botId);
        return name == stem
            || (name.StartsWith(stem + " (", StringComparison.Ordinal) && name.EndsWith(')') && int.TryParse(name.AsSpan(stem.Length + 2, name.Length - stem.Length - 3), out _));
    }

    public WindowSpec Window => WindowSpec.Calendar(Unit == "day" ? CalendarUnit.Day : CalendarUnit.Month);

    /// <summary>A typed limit in the counter's unit: micro-USD for cost, tokens otherwise; 0 for a limit that is no cap or not valid.</summary>
    public long CounterLimit(decimal limit) => limit <= 0 ? 0
        : Metric == Metric.Cost ? (limit <= 1_000_000_000m ? Money.ToMicros(limit) : 0)
        : limit == decimal.Truncate(limit) && limit <= long.MaxValue ? (long)limit : 0;

    /// <summary>The cap's limit as people type it: whole tokens, or dollars; 0 = no cap.</summary>
    public decimal LimitOf(PolicyRecord? policy) => policy is null || !policy.Enabled ? 0 : Metric == Metric.Cost ? Money.ToUsd(policy.Limit) : policy.Limit;

    /// <summary>Pauses the bot at 100% until a person resumes it or the window resets; warns at ~80% and ~95%.</summary>
    public PolicyInput Input(string botId, decimal limit, string name) => new()
    {
        Name = name,
        ScopeType = ScopeType.Bot,
        ScopeId = botId,
        Metric = Metric,
        Limit = limit,
        WindowUnit = Unit,
        Thresholds = [80, 95],
        Action = PolicyAction.Block,
    };
}

/// <summary>Saves the four caps of a bot as policies: a new cap creates one, a changed cap updates it, 0 deletes it.</summary>
public sealed class BotCapEditor(PolicyService policies)
{
    public async Task<Dictionary<string, string[]>> SaveAsync(long accountId, string botId, IReadOnlyDictionary<BotCap, decimal> limits, string actor)
    {
        // Every cap is checked before any is saved: a bad one leaves all four as they were.
        var errors = limits
            .Where(c => c.Value < 0 || (c.Key.Metric == Metric.Tokens && c.Value != decimal.Truncate(c.Value)))
            .ToDictionary(c => c.Key.Label, c => new[] { c.Key.Metric == Metric.Tokens ? "A whole number of tokens, 0 or more." : "An amount of 0 or more." });
        if (errors.Count > 0)
        {
            return errors;
        }

        var existing = await policies.ListAsync(accountId, PolicyKind.Usage);
        var names = (await policies.NamesAsync(accountId)).ToList();
        foreach (var (cap, limit) in limits)
        {
            var current = cap.Find(botId, existing);
            if (limit == 0)
            {
                if (current is not null)
                {
                    await policies.DeleteAsync(accountId, current.Id, actor);
                }

                continue;
            }

            // A cap keeps the name it has; a new one takes a name that no policy has yet, so saving never clashes.
            var name = current?.Name ?? PolicyNames.Free(cap.PolicyName(botId), names);
            names.Add(name);
            var change = current is null
                ? await policies.CreateAsync(accountId, cap.Input(botId, limit, name), actor)
                : await policies.UpdateAsync(accountId, current.Id, cap.Input(botId, limit, name), actor);
            if (change is { Succeeded: false })
            {
                errors[cap.Label] = PolicyFormMessages.Of(change.Errors).Values.SelectMany(v => v).ToArray();
            }
        }

        return errors;
    }
}
