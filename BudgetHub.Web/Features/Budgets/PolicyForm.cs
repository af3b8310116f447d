using System.Text.Json;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>How long a hard limit's block lasts.</summary>
public enum BlockEnd
{
    PeriodResets,
    SetTime,
    Resumed,
}

public enum WindowChoice
{
    Hour,
    Day,
    Week,
    Month,
    Rolling,
}

/// <summary>
/// The editor's working copy of a usage policy, shaped the way the dialog asks for it (a hard-limit
/// switch, a duration picker, recipients as text), and its translation to and from <see cref="PolicyInput"/>.
/// </summary>
public sealed class PolicyForm
{
    public static readonly IReadOnlyList<int> StagedThresholds = [50, 75, 90];

    public string Name { get; set; } = "";
    public ScopeType ScopeType { get; set; } = ScopeType.Account;
    public string? ScopeId { get; set; }
    public Metric Metric { get; set; } = Metric.Cost;
    public decimal? Limit { get; set; }
    public WindowChoice Window { get; set; } = WindowChoice.Month;
    public DurationPick RollingDuration { get; set; } = new() { Amount = 1, Unit = DurationUnit.Hours };
    public SortedSet<int> Thresholds { get; private set; } = [.. UsagePolicy.DefaultThresholds];
    public bool HardLimit { get; set; }
    public BlockEnd BlockEnd { get; set; } = BlockEnd.PeriodResets;
    public DurationPick BlockDuration { get; set; } = new() { Amount = 1, Unit = DurationUnit.Hours };
    public PolicyAction SoftAction { get; set; } = PolicyAction.Warn;
    public bool NotifyEmail { get; set; } = true;
    public string Recipients { get; set; } = "";
    public bool NotifyInApp { get; set; } = true;
    public bool NotifyWebhook { get; set; }
    public string WebhookUrl { get; set; } = "";
    public string FilterModel { get; set; } = "";
    public string FilterCategory { get; set; } = "";
    public bool Enabled { get; set; } = true;

    /// <summary>The names of the account's other policies: the suggested name is never one of them.</summary>
    public IReadOnlyCollection<string> OtherNames { get; set; } = [];

    public PolicyAction Action => HardLimit ? PolicyAction.Block : SoftAction;

    public bool HasFilter => !string.IsNullOrWhiteSpace(FilterModel) || !string.IsNullOrWhiteSpace(FilterCategory);

    /// <summary>The window picked, or null while the rolling duration is not a positive number.</summary>
    public WindowSpec? PickedWindow => Window switch
    {
        WindowChoice.Rolling => RollingDuration.ToTimeSpan() is { } duration && duration >= WindowSpec.MinimumRollingDuration
            ? WindowSpec.RollingFor(duration)
            : null,
        _ => WindowSpec.Calendar(Enum.Parse<CalendarUnit>(Window.ToString())),
    };

    /// <summary>What the policy would count, or null while the scope id or the rolling duration is missing.</summary>
    public PolicyCounter? Counter => PickedWindow is { } window && (ScopeType == ScopeType.Account || !string.IsNullOrWhiteSpace(ScopeId))
        ? new PolicyCounter(ScopeType, ScopeType == ScopeType.Account ? "" : ScopeId!.Trim(), Metric, window, new PolicyFilter(NullIfBlank(FilterModel), NullIfBlank(FilterCategory)))
        : null;

    /// <summary>The limit in the counter's unit (micro-USD for cost), or null while it is not a valid number.</summary>
    public long? CounterLimit => Limit switch
    {
        null or < 0 => null,
        { } usd when Metric == Metric.Cost => usd <= 1_000_000_000m ? Money.ToMicros(usd) : null,
        { } count => count == decimal.Truncate(count) && count <= long.MaxValue ? (long)count : null,
    };

    /// <summary>The name used when the Name field is left empty, e.g. "Team support · monthly cost", or "… (2)" when another policy has it.</summary>
    public string SuggestedName
    {
        get
        {
            var scope = ScopeType == ScopeType.Account
                ? "Organization"
                : PolicyText.Scope(ScopeType, string.IsNullOrWhiteSpace(ScopeId) ? "…" : ScopeId.Trim());
            var window = PickedWindow is { } picked ? PolicyText.WindowAdjective(picked) : "rolling";
            return PolicyNames.Free($"{scope} · {window} {Metric.ToString().ToLowerInvariant()}", OtherNames);
        }
    }

    public static PolicyForm For(PolicyPreset preset) => preset switch
    {
        PolicyPreset.TierTemplate => new PolicyForm { ScopeType = ScopeType.Tier },
        PolicyPreset.UserOverride => new PolicyForm { ScopeType = ScopeType.User },
        _ => new PolicyForm { Thresholds = [.. StagedThresholds] },
    };

    public static PolicyForm From(PolicyInput input) => new()
    {
        Name = input.Name ?? "",
        ScopeType = input.ScopeType,
        ScopeId = input.ScopeId,
        Metric = input.Metric,
        Limit = input.Limit,
        Window = input.RollingDuration is not null ? WindowChoice.Rolling : Enum.Parse<WindowChoice>(input.WindowUnit ?? "month", ignoreCase: true),
        RollingDuration = IsoDuration.TryParse(input.RollingDuration, out var rolling) ? DurationPick.From(rolling) : new DurationPick(),
        Thresholds = [.. input.Thresholds],
        HardLimit = input.Action == PolicyAction.Block,
        BlockEnd = input.BlockFor is not null ? BlockEnd.SetTime : input.BlockUntilResumed ? BlockEnd.Resumed : BlockEnd.PeriodResets,
        BlockDuration = IsoDuration.TryParse(input.BlockFor, out var blockFor) ? DurationPick.From(blockFor) : new DurationPick(),
        SoftAction = input.Action == PolicyAction.DryRun ? PolicyAction.DryRun : PolicyAction.Warn,
        NotifyEmail = input.NotifyEmail,
        Recipients = string.Join(", ", input.Recipients),
        NotifyInApp = input.NotifyInApp,
        NotifyWebhook = input.WebhookUrl is not null,
        WebhookUrl = input.WebhookUrl ?? "",
        FilterModel = input.FilterModel ?? "",
        FilterCategory = input.FilterCategory ?? "",
        Enabled = input.Enabled,
    };

    /// <summary>The input the policy service validates; fields left half-filled become values the validator rejects with a message.</summary>
    public PolicyInput ToInput() => new()
    {
        Name = string.IsNullOrWhiteSpace(Name) ? SuggestedName : Name.Trim(),
        Kind = PolicyKind.Usage,
        ScopeType = ScopeType,
        ScopeId = ScopeType == ScopeType.Account ? null : ScopeId?.Trim(),
        Metric = Metric,
        Limit = Limit,
        WindowUnit = Window == WindowChoice.Rolling ? null : Window.ToString().ToLowerInvariant(),
        RollingDuration = Window == WindowChoice.Rolling ? IsoText(RollingDuration) : null,
        Thresholds = [.. Thresholds],
        Action = Action,
        BlockFor = HardLimit && BlockEnd == BlockEnd.SetTime ? IsoText(BlockDuration) : null,
        BlockUntilResumed = HardLimit && BlockEnd == BlockEnd.Resumed,
        NotifyEmail = NotifyEmail,
        Recipients = NotifyEmail ? SplitRecipients(Recipients) : [],
        NotifyInApp = NotifyInApp,
        WebhookUrl = NotifyWebhook ? WebhookUrl.Trim() : null,
        FilterModel = NullIfBlank(FilterModel),
        FilterCategory = NullIfBlank(FilterCategory),
        Enabled = Enabled,
    };

    /// <summary>What the form would save, as text: equal text, nothing changed. The name as typed, not its suggestion.</summary>
    public string Fingerprint() => JsonSerializer.Serialize(ToInput() with { Name = Name });

    /// <summary>Adds a typed alert percentage.</summary>
    /// <returns>Added, nothing typed, or an error for the field (it is never clamped or dropped silently).</returns>
    public (bool Added, string? Error) AddThreshold(decimal? percent)
    {
        if (percent is null)
        {
            return (false, null);
        }

        if (percent is not (>= 1 and <= 99) || percent != decimal.Truncate(percent.Value))
        {
            return (false, $"Alert percentages are whole numbers from 1 to 99; {percent.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not one.");
        }

        Thresholds.Add((int)percent.Value);
        return (true, null);
    }

    public static IReadOnlyList<string> SplitRecipients(string text) =>
        text.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string IsoText(DurationPick pick) => pick.ToTimeSpan() is { } duration && duration > TimeSpan.Zero ? IsoDuration.Format(duration) : "";

    private static string? NullIfBlank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
