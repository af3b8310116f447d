using System.Buffers;

namespace BudgetHub.Domain.Common;

/// <summary>
/// The text customers send to be stored and shown (ids, names, reasons, addresses) holds no control
/// characters: PostgreSQL refuses U+0000 in text outright, and the others break logs, CSV exports and
/// the pages that show them.
/// </summary>
public static class PlainText
{
    public const string ControlCharactersError = "Must not contain control characters (U+0000 to U+001F or U+007F to U+009F, such as a tab, a line break or \\u0000).";

    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).ToArray());

    public static bool HasControlCharacters(ReadOnlySpan<char> text) => text.ContainsAny(ControlCharacters);
}
