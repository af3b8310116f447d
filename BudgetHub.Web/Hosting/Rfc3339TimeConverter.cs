using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// Reads a time only as <see cref="Rfc3339Time"/> does, with an offset: System.Text.Json reads
/// <c>2030-01-01T00:00:00</c> in the server's zone, which the caller never said. Writes it as System.Text.Json does.
/// </summary>
internal sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    private const int MaxLength = 64;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        if (reader.TokenType != JsonTokenType.String
            || (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > MaxLength
            || Rfc3339Time.Parse(text[..reader.CopyString(text)], out var time) != TimeProblem.None)
        {
            throw new JsonException();
        }

        return time;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
