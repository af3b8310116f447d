namespace BudgetHub.Domain.Common;

/// <summary>
/// The ids customers choose (event, bot, user, tier, team, conversation, model…) are 1 to 128 characters,
/// counted as Unicode characters (code points), as JSON Schema's maxLength and PostgreSQL's varchar(128)
/// count them: an emoji is one character, where a .NET string holds it in two UTF-16 units.
/// </summary>
public static class IdLength
{
    public const int Max = 128;

    /// <summary>Whether <paramref name="id"/> has at most <see cref="Max"/> characters; they are counted only past Max UTF-16 units.</summary>
    public static bool IsWithinMax(string id) => id.Length <= Max || Characters(id) <= Max;

    public static int Characters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
