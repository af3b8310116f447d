namespace BudgetHub.Domain.Budgets;

/// <summary>
/// Whether an event's model is the model a filter names, as the price catalog reads names: in any case,
/// with or without a provider prefix (<c>openai/gpt-4o</c>), and as a dated snapshot of it
/// (<c>gpt-4o-2024-08-06</c>, <c>claude-3-5-sonnet-20241022</c>, <c>gpt-4-0613</c>). Another model that only
/// starts with the same name (<c>gpt-4o-mini</c>, <c>llama-3-70b</c>) is not the same model.
/// </summary>
public static class ModelNames
{
    public static bool Same(string filter, string? model)
    {
        if (model is null)
        {
            return false;
        }

        var named = WithoutProvider(filter);
        var sent = WithoutProvider(model);
        return sent.Equals(named, StringComparison.OrdinalIgnoreCase)
            || (sent.Length > named.Length + 1 && sent.StartsWith(named, StringComparison.OrdinalIgnoreCase)
                && sent[named.Length] == '-' && IsSnapshot(sent[(named.Length + 1)..]));
    }

    private static ReadOnlySpan<char> WithoutProvider(string name) => name.AsSpan(name.IndexOf('/', StringComparison.Ordinal) + 1);

    /// <summary>A date or build number: digits and dashes, with at least three digits (<c>0613</c>, <c>2024-08-06</c>, <c>001</c>).</summary>
    private static bool IsSnapshot(ReadOnlySpan<char> suffix)
    {
        var digits = 0;
        foreach (var c in suffix)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c != '-')
            {
                return false;
            }
        }

        return digits >= 3;
    }
}
