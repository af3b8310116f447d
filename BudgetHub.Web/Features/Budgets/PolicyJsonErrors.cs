using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// A policy body that System.Text.Json could not read, as a field error that says what the field
/// takes. The serializer tells the cases apart only in its message and inner exception.
/// </summary>
internal static partial class PolicyJsonErrors
{
    /// <summary>What each field of the policy format takes; list items (<c>thresholds[2]</c>) are looked up as <c>thresholds[]</c>.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["limit"] = "a number",
        ["thresholds"] = "a list of whole percentages, e.g. [50, 75, 90]",
        ["thresholds[]"] = "a whole percentage from 1 to 99",
        ["enabled"] = "true or false",
        ["notify.email"] = "true or false",
        ["notify.inApp"] = "true or false",
        ["notify.recipients"] = "a list of email addresses",
        ["scope"] = "an object, e.g. {\"type\": \"bot\", \"id\": \"support-bot\"}",
        ["window"] = "an object, e.g. {\"type\": \"fixed\", \"unit\": \"month\"}",
        ["notify"] = "an object, e.g. {\"email\": true}",
        ["filter"] = "an object, e.g. {\"model\": \"gpt-4o\"}",
    };

    public static (string Field, string Message) Of(JsonException ex)
    {
        if (ex.Path is not { Length: > 2 } path)
        {
            return ("body", "The body is not valid JSON.");
        }

        var field = path.TrimStart('$', '.');
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return (field, "Not a field of a policy: check its spelling (field names are camelCase; see the policy format in the API reference).");
        }

        if (ex.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return (field, "Sent twice: each property may appear once.");
        }

        var expected = Expected.GetValueOrDefault(ListItem().Replace(field, "[]"), "a string");
        return ex.InnerException is FormatException
            ? (field, $"Out of range: must be {expected}.")
            : (field, $"Must be {expected}.");
    }

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex ListItem();
}
