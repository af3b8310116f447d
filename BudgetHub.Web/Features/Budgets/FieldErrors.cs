using System.Globalization;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// The validator's errors, keyed by the API's field paths (<c>limit</c>, <c>thresholds[2]</c>,
/// <c>notify.recipients[0]</c>), looked up by the field of the form that shows them.
/// </summary>
public sealed class FieldErrors(IReadOnlyDictionary<string, string[]> errors)
{
    public static readonly FieldErrors None = new(new Dictionary<string, string[]>());

    public bool Any => errors.Count > 0;

    /// <summary>The messages of <paramref name="fields"/> and of their items (<c>field[i]</c>, shown as "Recipient 2: ..."), or null.</summary>
    public string? For(params string[] fields)
    {
        var messages = errors
            .SelectMany(error => fields.Select(field => Describe(error.Key, error.Value, field)))
            .OfType<string>()
            .Distinct()
            .ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    public bool Has(params string[] fields) => For(fields) is not null;

    /// <summary>Messages that none of <paramref name="placedFields"/> shows; the form lists them above its fields so none is lost.</summary>
    public IEnumerable<string> NotIn(IEnumerable<string> placedFields) => errors
        .Where(error => !placedFields.Any(field => Covers(error.Key, field)))
        .SelectMany(error => error.Value);

    /// <summary>Whether the error's key is the field's, or one of its items' (<c>thresholds[2]</c>).</summary>
    private static bool Covers(string key, string field) => key == field || key.StartsWith(field + "[", StringComparison.Ordinal);

    private static string? Describe(string key, string[] messages, string field)
    {
        if (!Covers(key, field))
        {
            return null;
        }

        if (key == field)
        {
            return string.Join(" ", messages);
        }

        var index = key.AsSpan(field.Length + 1).TrimEnd(']');
        var label = int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? $"{ItemNoun(field)} {i + 1}" : key;
        return $"{label}: {string.Join(" ", messages)}";
    }

    private static string ItemNoun(string field) => field switch
    {
        "notify.recipients" => "Recipient",
        "thresholds" => "Threshold",
        _ => "Item",
    };
}
