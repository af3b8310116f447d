namespace BudgetHub.Infrastructure.Budgets;

/// <summary>
/// No two policies of an account share a name: names are compared trimmed and ignoring case, so
/// "Support cap" and " support CAP " are the same name.
/// </summary>
public static class PolicyNames
{
    public const int MaxLength = 200;

    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static bool Same(string? a, string? b) => Comparer.Equals(a?.Trim() ?? "", b?.Trim() ?? "");

    /// <summary><paramref name="name"/> if no name in <paramref name="taken"/> is the same, else the first free "name (2)", "name (3)", …</summary>
    public static string Free(string name, IEnumerable<string> taken)
    {
        var used = taken.Select(n => n.Trim()).ToHashSet(Comparer);
        var stem = name.Trim();
        var candidate = stem;
        for (var n = 2; used.Contains(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = stem[..Math.Min(stem.Length, MaxLength - suffix.Length)].TrimEnd() + suffix;
        }

        return candidate;
    }

    /// <param name="existing">The other policy's name as it is stored, which may differ from the one typed in case or spaces.</param>
    public static string TakenMessage(string existing) => $"Another policy is already named \"{existing.Trim()}\". Choose a different name.";
}
