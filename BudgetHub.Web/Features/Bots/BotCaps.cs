using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Features.Bots;

/// <summary>One of a bot's four caps (seed 004): a bot-scope block policy on tokens or cost per day or month.</summary>
/// <param name="Field">Its name in <c>/api/v1/bots/{botId}/budget</c>.</param>
public sealed record BotCap(string Label, string Field, Metric Metric, string Unit)
{
    public static readonly BotCap[] All =
    [
        new("Daily tokens", "dailyTokens", Metric.Tokens, "day"),
        new("Daily cost (USD)", "dailyCost", Metric.Cost, "day"),
        new("Monthly tokens", "monthlyTokens", Metric.Tokens, "month"),
        new("Monthly cost (USD)", "monthlyCost", Metric.Cost, "month"),
    ];

    /// <summary>The name a new cap gets (then made free of clashes with <see cref="PolicyNames.Free"/>).</summary>
    public string PolicyName(string botId) => $"{botId} · {(Unit == "day" ? "daily" : "monthly")} {(Metric == Metric.Cost ? "cost" : "token")} cap";

    /// <summary>
    /// The bot's cap of this kind, whatever its name: a hard limit (block) of the bot alone on this metric per
    /// calendar day or month, for every model and category. Of several, the one that binds: enabled, lowest limit.
    /// </summary>
    public PolicyRecord? Find(string botId, IEnumerable<PolicyRecord> policies) => policies
        .Where(p => p is { Kind: PolicyKind.Usage, ScopeType: ScopeType.Bot, Action: PolicyAction.Block, RollingSeconds: null, FilterModel: null, FilterCategory: null }
            && p.ScopeKey == botId && p.Metric == Metric && p.WindowUnit == Unit)
        .OrderByDescending(p => p.Enabled).ThenBy(p => p.Limit <= 0).ThenBy(p => p.Limit).ThenBy(p => p.Id)
        .FirstOrDefault();

    public WindowSpec Window => WindowSpec.Calendar(Unit == "day" ? CalendarUnit.Day : CalendarUnit.Month);

    /// <summary>A typed limit in the counter's unit: micro-USD for cost, tokens otherwise; 0 for a limit that is no cap or not valid.</summary>
    public long CounterLimit(decimal limit) => limit <= 0 ? 0
        : Metric == Metric.Cost ? (limit <= 1_000_000_000m ? Money.ToMicros(limit) : 0)
        : limit == decimal.Truncate(limit) && limit <= long.MaxValue ? (long)limit : 0;

    /// <summary>The cap's limit as people type it: whole tokens, or dollars; 0 = no cap (or one turned off on the Budgets page).</summary>
    public decimal LimitOf(PolicyRecord? policy) => policy is null || !policy.Enabled ? 0 : Metric == Metric.Cost ? Money.ToUsd(policy.Limit) : policy.Limit;

    /// <summary>
    /// Whether the bot's caps keep it paused until a person resumes it (seed 004), rather than until the day or
    /// month resets: so when every cap that is on does, and for a bot without caps, as its new caps will.
    /// </summary>
    public static bool PauseUntilResumed(string botId, IReadOnlyCollection<PolicyRecord> policies)
    {
        var caps = All.Select(cap => cap.Find(botId, policies)).OfType<PolicyRecord>().Where(p => p.Enabled).ToList();
        return caps.Count == 0 || caps.TrueForAll(p => p.BlockUntilResumed);
    }

    /// <summary>Pauses the bot at 100% until a person resumes it, or the window resets; warns at ~80% and ~95%.</summary>
    public PolicyInput Input(string botId, decimal limit, string name, bool untilResumed) => new()
    {
        Name = name,
        ScopeType = ScopeType.Bot,
        ScopeId = botId,
        Metric = Metric,
        Limit = limit,
        WindowUnit = Unit,
        Thresholds = [80, 95],
        Action = PolicyAction.Block,
        BlockUntilResumed = untilResumed,
    };
}

/// <summary>A bot's caps as its page shows them: each cap's limit (0 = none), and how long a cap keeps the bot paused.</summary>
/// <param name="PauseUntilResumed">Until a person resumes the bot, rather than until the cap's day or month resets.</param>
public sealed record BotCapsForm(IReadOnlyDictionary<BotCap, decimal> Limits, bool PauseUntilResumed)
{
    public static BotCapsForm Of(string botId, IReadOnlyCollection<PolicyRecord> policies) =>
        new(BotCap.All.ToDictionary(cap => cap, cap => cap.LimitOf(cap.Find(botId, policies))), BotCap.PauseUntilResumed(botId, policies));
}

/// <summary>
/// Saves the caps a person changed on a bot's page as policies: a new cap creates one, a changed cap takes
/// its new limit (and is turned on) keeping everything else set on the Budgets page, 0 deletes it. A changed
/// choice of how long a cap pauses the bot applies to each cap that is on, and to new ones. Caps left as they
/// were are not touched, and either every change is saved or none.
/// </summary>
public sealed class BotCapEditor(PolicyService policies)
{
    public async Task<Dictionary<string, string[]>> SaveAsync(long accountId, string botId, BotCapsForm typed, BotCapsForm saved, string actor)
    {
        var changed = typed.Limits.Where(c => !saved.Limits.TryGetValue(c.Key, out var before) || before != c.Value).ToDictionary();
        var errors = changed
            .Where(c => c.Value < 0 || (c.Key.Metric == Metric.Tokens && c.Value != decimal.Truncate(c.Value)))
            .ToDictionary(c => c.Key.Label, c => new[] { c.Key.Metric == Metric.Tokens ? "A whole number of tokens, 0 or more." : "An amount of 0 or more." });
        if (errors.Count > 0)
        {
            return errors;
        }

        var untilResumed = typed.PauseUntilResumed;
        var pauseChanged = untilResumed != saved.PauseUntilResumed;
        var existing = await policies.ListAsync(accountId, PolicyKind.Usage);
        var names = (await policies.NamesAsync(accountId)).ToList();
        var edits = new List<(BotCap Cap, PolicyEdit Edit)>();
        foreach (var cap in BotCap.All)
        {
            var current = cap.Find(botId, existing);
            var limitChanged = changed.TryGetValue(cap, out var limit);
            if (current is null)
            {
                if (limitChanged && limit != 0)
                {
                    // A new cap takes a name that no policy has yet, so saving never clashes.
                    var name = PolicyNames.Free(cap.PolicyName(botId), names);
                    names.Add(name);
                    edits.Add((cap, new PolicyEdit(null, cap.Input(botId, limit, name, untilResumed))));
                }
            }
            else if (limitChanged && limit == 0)
            {
                edits.Add((cap, new PolicyEdit(current.Id, null)));
            }
            else if (limitChanged || (pauseChanged && current.Enabled))
            {
                var input = PolicyValidator.ToInput(current);
                edits.Add((cap, new PolicyEdit(current.Id, input with
                {
                    Limit = limitChanged ? limit : input.Limit,
                    Enabled = true,
                    BlockUntilResumed = pauseChanged ? untilResumed : input.BlockUntilResumed,
                    BlockFor = pauseChanged && untilResumed ? null : input.BlockFor,
                })));
            }
        }

        var failed = await policies.ApplyAsync(accountId, edits.ConvertAll(e => e.Edit), actor);
        return failed.ToDictionary(f => edits[f.Key].Cap.Label, f => PolicyFormMessages.Of(f.Value).Values.SelectMany(v => v).ToArray());
    }
}
