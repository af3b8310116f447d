using System.Text;
using System.Text.Json;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// What is wrong with a request body that is not JSON at all, said the same way by every endpoint:
/// cut off, or malformed at a line and position. Asked only once reading the body has failed, so a
/// good body is read once.
/// </summary>
internal static class JsonSyntax
{
    public const string Title = "Invalid request body";

    /// <param name="maxDepth">The nesting the body's reader allows.</param>
    /// <returns>The problem, or null for well-formed JSON (what failed was then a field's name or type).</returns>
    public static string? ProblemIn(ReadOnlySpan<byte> body, int maxDepth = 64)
    {
        if (FirstError(body, isFinalBlock: true, maxDepth) is not { } error)
        {
            return null;
        }

        var end = body.TrimEnd(" \t\r\n"u8).Length;
        if (end == 0)
        {
            return "The body is empty: send JSON.";
        }

        if (FirstError(body, isFinalBlock: true, int.MaxValue) is null)
        {
            return $"The JSON nests objects and arrays more than {maxDepth} levels deep.";
        }

        // Read as a block with more to come, a body that was cut off has nothing wrong in it.
        if (FirstError(body, isFinalBlock: false, int.MaxValue) is null)
        {
            var (line, next) = Where(body, end);
            return $"The JSON is incomplete: it ends at line {line}, position {next - 1}, before every object, array and value in it is closed. Was the body cut off?";
        }

        var (errorLine, errorPosition) = Where(body, error);
        return $"The JSON is malformed at line {errorLine}, position {errorPosition}{Found(body, error)}: check the quotes, commas, colons and brackets there.";
    }

    /// <returns>The byte offset where the reader stopped with an error, or null when it read to the end.</returns>
    private static int? FirstError(ReadOnlySpan<byte> body, bool isFinalBlock, int maxDepth)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return LineStart(body, (int)(ex.LineNumber ?? 0)) + (int)(ex.BytePositionInLine ?? 0);
        }
    }

    private static int LineStart(ReadOnlySpan<byte> body, int line)
    {
        var start = 0;
        for (var i = 0; i < line; i++)
        {
            start += body[start..].IndexOf((byte)'\n') + 1;
        }

        return start;
    }

    /// <returns>The 1-based line and character position of the byte at <paramref name="offset"/>.</returns>
    private static (int Line, int Position) Where(ReadOnlySpan<byte> body, int offset)
    {
        var before = body[..Math.Min(offset, body.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    private static string Found(ReadOnlySpan<byte> body, int offset) =>
        offset < body.Length && Rune.DecodeFromUtf8(body[offset..], out var found, out _) == System.Buffers.OperationStatus.Done && !Rune.IsControl(found)
            ? $" ('{found}')"
            : "";
}
