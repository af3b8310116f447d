namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// The policy service words its errors for the API (field paths, ISO 8601 durations, null, "http(s) URL").
/// A dialog shows them under its own fields, so it says the same in the form's labels and plain words.
/// Errors of other fields are already plain and pass through.
/// </summary>
public static class PolicyFormMessages
{
    /// <param name="scopeIdLabel">The label of the field that asks for the team, bot, tier or user.</param>
    public static Dictionary<string, string[]> Of(IReadOnlyDictionary<string, string[]> errors, string scopeIdLabel = "Bot id") =>
        errors.ToDictionary(error => error.Key, error => Plain(error.Key, error.Value[0], scopeIdLabel) is { } plain ? [plain] : error.Value, StringComparer.Ordinal);

    private static string? Plain(string field, string message, string scopeIdLabel) => field switch
    {
        // The other error of scope.id, a tier that another template spells in another case, is plain already.
        "scope.id" when message.StartsWith("Required", StringComparison.Ordinal) => $"Enter the {scopeIdLabel.ToLowerInvariant()}: 1 to 128 characters.",
        "window.unit" => "Choose a period: per hour, day, week or month, or a rolling one.",
        "window.duration" => "A rolling period lasts from 1 minute to 31 days: enter a whole number of minutes, hours or days.",
        "blockFor" => "Enter how long to block: a whole number of minutes, hours or days.",
        "action" => "Choose what happens at 100%: turn on Hard limit (block), or at least one of Email, In-app notification or Webhook.",
        "notify.webhookUrl" => "Enter a full web address that starts with https:// (or http://), e.g. https://example.com/hooks/budget.",
        "filter.model" => "At most 128 characters; leave it empty to count every model.",
        "filter.category" => "At most 128 characters; leave it empty to count every billing category.",
        "maxAge" => "Keep raw data for at least 1 hour: enter a whole number of hours or days.",
        _ => null,
    };
}
