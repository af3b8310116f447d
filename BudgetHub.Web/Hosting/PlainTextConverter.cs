using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetHub.Domain.Common;

namespace BudgetHub.Web.Hosting;

/// <summary>Reads a string as System.Text.Json does, refusing one with control characters (<see cref="PlainText"/>).</summary>
internal sealed class PlainTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // Without a message, System.Text.Json says which type it expected, as for any other field.
            throw new JsonException();
        }

        var text = reader.GetString()!;
        return PlainText.HasControlCharacters(text) ? throw new JsonException(PlainText.ControlCharactersError) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
