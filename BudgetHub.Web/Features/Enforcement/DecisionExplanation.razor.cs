using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Features.Budgets;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Block = BudgetHub.Domain.Enforcement.Block;
using Severity = MudBlazor.Severity;

namespace BudgetHub.Web.Features.Enforcement;

/// <summary>
/// Why a bot (and optionally one of its users) is blocked, warned or allowed right now: every policy
/// that applies with its counter against the limit, and every block that holds with its reason and
/// time left. Read from the meter's memory, so it matches what the enforcement check answers.
/// </summary>
public partial class DecisionExplanation
{
    private Decision? _decision;
    private IReadOnlyList<PolicyEvaluation> _evaluations = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IUsageMeter Meter { get; set; } = default!;

    [Inject]
    private UsageQueries Usage { get; set; } = default!;

    [Parameter, EditorRequired]
    public string BotId { get; set; } = "";

    [Parameter]
    public string? UserId { get; set; }

    /// <summary>The user's tier, so that its template is explained too.</summary>
    [Parameter]
    public string? Tier { get; set; }

    /// <summary>A log-only row of the enforcement log being asked about: the call it logged went through.</summary>
    [Parameter]
    public EnforcementLogRow? DryRun { get; set; }

    public static async Task ShowAsync(IDialogService dialogs, string botId, string? userId = null, string? tier = null, EnforcementLogRow? dryRun = null)
    {
        var parameters = new DialogParameters<DecisionExplanation>
        {
            { d => d.BotId, botId },
            { d => d.UserId, userId },
            { d => d.Tier, tier },
            { d => d.DryRun, dryRun },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };
        var dialog = await dialogs.ShowAsync<DecisionExplanation>("Why?", parameters, options);
        await dialog.Result;
    }

    private string SubjectText => (UserId, Tier) switch
    {
        ({ } user, { } tier) => $"{BotId} · user {user} ({tier})",
        ({ } user, null) => $"{BotId} · user {user}",
        _ => BotId,
    };

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Usage.ZoneOfAsync(AccountId);
        Explain();
    }

    private void Explain()
    {
        var now = Clock.GetUtcNow();
        var subject = new EnforcementSubject(BotId, Meter.TeamOf(AccountId, BotId), UserId, Tier);
        var evaluations = Meter.Explain(AccountId, subject);
        _decision = EnforcementRules.Decide(subject, evaluations, [.. Meter.ActiveBlocks(AccountId)], now);
        _evaluations = evaluations
            .OrderByDescending(e => ActionOf(e, _decision))
            .ThenByDescending(e => e.Percent)
            .ToList();
    }

    /// <summary>What this one policy says now, as the decision weighed it.</summary>
    private static EnforcementAction ActionOf(PolicyEvaluation evaluation, Decision decision) =>
        evaluation.ActionWith(decision.Blocks.Any(b => b.PolicyId == evaluation.Policy.Id));

    private string LoggedActionOf(PolicyEvaluation evaluation) => LogRowText.Of(ActionOf(evaluation, _decision!));

    private static Severity VerdictSeverity(EnforcementAction action) => action switch
    {
        EnforcementAction.Block => Severity.Error,
        EnforcementAction.Warn => Severity.Warning,
        EnforcementAction.DryRun => Severity.Info,
        _ => Severity.Success,
    };

    private static string VerdictTitle(Decision decision) => decision.Action switch
    {
        EnforcementAction.Block => "Blocked now",
        EnforcementAction.Warn => "Allowed, with a warning",
        EnforcementAction.DryRun => "Allowed — a log-only (dry run) budget is past its limit",
        _ => "Allowed now",
    };

    private string VerdictDetail(Decision decision) => decision switch
    {
        { Action: EnforcementAction.Block, PausedUntil: { } until } when decision.Blocks.All(b => b.IsManualPause) =>
            $"Calls are refused. The pause ends {Format.Until(until, Clock.GetUtcNow(), _zone)}, or sooner if someone resumes the bot.",
        { Action: EnforcementAction.Block, PausedUntil: { } until } =>
            $"Calls are refused. The block lifts {Format.Until(until, Clock.GetUtcNow(), _zone)}, or sooner if the limit is raised.",
        { Action: EnforcementAction.Block } => "Calls are refused until a person resumes the bot or raises the limit.",
        { Action: EnforcementAction.Warn } => "Calls go through; a policy is past an alert threshold or a soft limit.",
        { Action: EnforcementAction.DryRun } => "Calls go through; the hit is only logged, to test the policy.",
        _ => "Every policy that applies is below its alert thresholds. A logged event may have been blocked or warned earlier in the period.",
    };

    /// <summary>A policy block by its policy's name (its stored reason has raw counter units); a manual pause by what the person wrote.</summary>
    private string BlockTitle(Block block) =>
        block.PolicyId is { } policyId && _evaluations.FirstOrDefault(e => e.Policy.Id == policyId) is { } evaluation
            ? $"Hard limit reached: {evaluation.Policy.Name}"
            : block.Reason;

    /// <summary>"Tier pro template · counts user u1 on every bot · per month".</summary>
    private static string CountsText(PolicyEvaluation evaluation)
    {
        var scope = evaluation.Policy.Scope;
        var template = scope.Type == ScopeType.Tier ? $"Tier {scope.Key} template · " : "";
        return $"{template}Counts {EnforcementRules.ScopeLabel(evaluation.Instance)}{PolicyText.Filter(evaluation.Policy.Filter)} · {Format.Window(evaluation.Policy.Window)}";
    }

    private string BlockTimeLeft(Block block) => block.Until is { } until
        ? $"lifts {Format.Until(until, Clock.GetUtcNow(), _zone)}"
        : "until resumed by hand";

    private string ResetText(PolicyEvaluation evaluation) => (evaluation.Policy.Window, evaluation.ResetsAt) switch
    {
        (WindowSpec.Rolling, { } below) => $"Back under the limit {Format.Until(below, Clock.GetUtcNow(), _zone)}",
        (WindowSpec.Rolling, null) => "Rolling period: older usage drops out minute by minute.",
        (_, { } resets) => $"Period resets {Format.Until(resets, Clock.GetUtcNow(), _zone)}",
        _ => "",
    };

    private void Close() => Dialog.Close();
}
