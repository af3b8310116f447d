using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Web.Hosting;

namespace BudgetHub.Web.Features.Usage;

/// <summary>
/// Reads one event or a batch from raw JSON and validates all of it before anything is stored:
/// every problem is reported against its field path (<c>[3].inputTokens</c>, or <c>inputTokens</c>
/// for a single event). Strict about types: no fractions, no strings for numbers, no duplicate keys.
/// </summary>
internal static class UsageEventParser
{
    public const int MaxBatch = 1000;
    public const int MaxIdLength = IdLength.Max;
    public const long MaxCount = 1_000_000_000_000;
    public const decimal MaxCostUsd = 1_000_000m;
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 16,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        // Checked by CollectFields in its one pass over each event: the document's own check walked
        // every object again, a twentieth of a batch's CPU.
        AllowDuplicateProperties = true,
    };

    public sealed record Result(IReadOnlyList<UsageEventInput> Events, Dictionary<string, string[]> Errors, string? Problem)
    {
        public bool IsValid => Problem is null && Errors.Count == 0;
    }

    public static Result Parse(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return new Result([], [], JsonSyntax.ProblemIn(body.Span, Options.MaxDepth) ?? "The body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    var single = ReadEvent(root, "", errors, now, new JsonElement[FieldNames.Length]);
                    return new Result(single is null ? [] : [single], errors, null);
                case JsonValueKind.Array:
                    var count = root.GetArrayLength();
                    if (count == 0)
                    {
                        return new Result([], [], "The batch is empty: send one event object or an array of 1 to 1000 events.");
                    }

                    if (count > MaxBatch)
                    {
                        return new Result([], [], $"The batch has {count} events; send at most {MaxBatch} per request.");
                    }

                    var events = new List<UsageEventInput>(count);
                    var fields = new JsonElement[FieldNames.Length];
                    var index = 0;
                    foreach (var element in root.EnumerateArray())
                    {
                        var prefix = $"[{index++}]";
                        if (element.ValueKind != JsonValueKind.Object)
                        {
                            errors[prefix] = ["Each event must be a JSON object."];
                            continue;
                        }

                        if (ReadEvent(element, prefix + ".", errors, now, fields) is { } parsed)
                        {
                            events.Add(parsed);
                        }
                    }

                    return new Result(events, errors, null);
                default:
                    return new Result([], [], "Send one event object or an array of events.");
            }
        }
    }

    /// <summary>The event's fields, named in the JSON as in camelCase (<see cref="FieldNames"/>).</summary>
    private enum Field
    {
        Id, BotId, Timestamp, UserId, Tier, Team, Model, Provider, Category, ConversationId,
        InputTokens, CachedInputTokens, OutputTokens, Messages, CostUsd, Error,
    }

    private static readonly string[] FieldNames = Enum.GetNames<Field>().Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();

    private static readonly byte[][] Utf8FieldNames = FieldNames.Select(Encoding.UTF8.GetBytes).ToArray();

    private static UsageEventInput? ReadEvent(JsonElement e, string prefix, Dictionary<string, string[]> errors, DateTimeOffset now, JsonElement[] fields)
    {
        var before = errors.Count;
        CollectFields(e, fields, prefix, errors);
        var reader = new FieldReader(fields, prefix, errors);
        var id = reader.RequiredString(Field.Id);
        var botId = reader.RequiredString(Field.BotId);
        var timestamp = reader.Timestamp(Field.Timestamp, now);
        var userId = reader.OptionalString(Field.UserId);
        var tier = reader.OptionalString(Field.Tier);
        var team = reader.OptionalString(Field.Team);
        var model = reader.OptionalString(Field.Model);
        var provider = reader.OptionalString(Field.Provider);
        var category = reader.OptionalString(Field.Category);
        var conversationId = reader.OptionalString(Field.ConversationId);
        var inputTokens = reader.Count(Field.InputTokens);
        var cachedInputTokens = reader.Count(Field.CachedInputTokens);
        var outputTokens = reader.Count(Field.OutputTokens);
        var messages = reader.Count(Field.Messages);
        var cost = reader.Cost(Field.CostUsd);
        var error = reader.Boolean(Field.Error);
        if (cachedInputTokens > inputTokens)
        {
            errors[prefix + "cachedInputTokens"] = ["Must not be more than inputTokens."];
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new UsageEventInput(id!, timestamp, botId!, userId, tier, team, model, provider, category,
            inputTokens, cachedInputTokens, outputTokens, messages, conversationId, cost is { } usd ? Money.ToMicros(usd) : null, error);
    }

    /// <summary>
    /// One pass over the event's properties: looking each field up by name scanned them all every
    /// time, measured at a sixth of a batch's CPU. A property sent twice is an error. Unknown
    /// properties are ignored, except a misspelling of a field the event lacks
    /// (<see cref="Misspellings"/>): ignoring <c>input_tokens</c> would count the event with no
    /// tokens, and nobody would know why.
    /// </summary>
    private static void CollectFields(JsonElement e, JsonElement[] fields, string prefix, Dictionary<string, string[]> errors)
    {
        Array.Clear(fields);
        List<(string Sent, Field Meant)>? misspelled = null;
        HashSet<string>? unknown = null;
        foreach (var property in e.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var index = name.Contains((byte)'\\') ? Array.IndexOf(FieldNames, property.Name) : IndexOfField(name);
            var sentTwice = index >= 0
                ? fields[index].ValueKind != JsonValueKind.Undefined
                : !(unknown ??= new HashSet<string>(StringComparer.Ordinal)).Add(property.Name);
            if (sentTwice)
            {
                errors[prefix + property.Name] = ["Sent twice: each property may appear once."];
            }
            else if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && RepeatedName(property.Value) is { } repeated)
            {
                errors[prefix + property.Name] = [$"Has a property sent twice: {repeated}."];
            }

            if (index >= 0)
            {
                fields[index] = property.Value;
            }
            else if (Misspellings.TryGetValue(Normalized(property.Name), out var meant))
            {
                (misspelled ??= []).Add((property.Name, meant));
            }
        }

        foreach (var (sent, meant) in misspelled ?? [])
        {
            if (fields[(int)meant].ValueKind == JsonValueKind.Undefined)
            {
                errors[prefix + sent] = [$"Not a field, so it would be ignored: did you mean {FieldNames[(int)meant]}? Field names are camelCase."];
            }
        }
    }

    /// <summary>The first property name that an object inside <paramref name="value"/> repeats, at any depth.</summary>
    private static string? RepeatedName(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (RepeatedName(item) is { } repeated)
                {
                    return repeated;
                }
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                return property.Name;
            }

            if (RepeatedName(property.Value) is { } repeated)
            {
                return repeated;
            }
        }

        return null;
    }

    /// <summary>Every field under its name without case, dashes or underscores, and the names other APIs use for the same thing.</summary>
    private static readonly Dictionary<string, Field> Misspellings = Enum.GetValues<Field>()
        .Select(field => KeyValuePair.Create(Normalized(field.ToString()), field))
        .Concat([
            KeyValuePair.Create("prompttokens", Field.InputTokens),
            KeyValuePair.Create("completiontokens", Field.OutputTokens),
            KeyValuePair.Create("cachedtokens", Field.CachedInputTokens),
            KeyValuePair.Create("cost", Field.CostUsd),
            KeyValuePair.Create("eventid", Field.Id),
            KeyValuePair.Create("bot", Field.BotId),
            KeyValuePair.Create("user", Field.UserId),
            KeyValuePair.Create("conversation", Field.ConversationId),
        ])
        .ToDictionary(StringComparer.Ordinal);

    private static string Normalized(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant));

    private static int IndexOfField(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Utf8FieldNames.Length; i++)
        {
            if (name.SequenceEqual(Utf8FieldNames[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private readonly struct FieldReader(JsonElement[] fields, string prefix, Dictionary<string, string[]> errors)
    {
        private bool TryGet(Field field, out JsonElement value)
        {
            value = fields[(int)field];
            return value.ValueKind != JsonValueKind.Undefined;
        }

        // The first problem of a field stands: "sent twice" is not replaced by what its second value lacks.
        private void Error(Field field, string message) => errors.TryAdd(prefix + FieldNames[(int)field], [message]);

        public string? RequiredString(Field name)
        {
            if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Error(name, $"Required: a string of 1 to {MaxIdLength} characters.");
                return null;
            }

            return String(name, value);
        }

        public string? OptionalString(Field name) =>
            TryGet(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(name, value) : null;

        private string? String(Field name, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                Error(name, $"Must be a string, not {Describe(value)}.");
                return null;
            }

            if (!TryGetString(value, out var text))
            {
                Error(name, "Must be valid Unicode: it has half of a surrogate pair (a \\uD800 to \\uDFFF escape without its partner).");
                return null;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                Error(name, $"Must not be empty or only spaces: 1 to {MaxIdLength} characters.");
                return null;
            }

            if (!IdLength.IsWithinMax(text))
            {
                Error(name, $"Must be 1 to {MaxIdLength} characters (got {IdLength.Characters(text)}).");
                return null;
            }

            if (PlainText.HasControlCharacters(text))
            {
                Error(name, PlainText.ControlCharactersError);
                return null;
            }

            return text;
        }

        public long Count(Field name)
        {
            if (!TryGet(name, out var value))
            {
                return 0;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                Error(name, $"Must be a whole number of at least 0, not {Describe(value)}.");
                return 0;
            }

            // 1e3 and 1.0 are whole numbers too, written another way.
            if (!value.TryGetInt64(out var number) && !TryGetWholeDecimal(value, out number))
            {
                Error(name, value.TryGetDecimal(out var fraction) && fraction != decimal.Truncate(fraction)
                    ? "Must be a whole number (no fractions)."
                    : $"Must be at most {MaxCount:N0}.");
                return 0;
            }

            if (number < 0)
            {
                Error(name, "Must be 0 or more.");
                return 0;
            }

            if (number > MaxCount)
            {
                Error(name, $"Must be at most {MaxCount:N0}.");
                return 0;
            }

            return number;
        }

        public decimal? Cost(Field name)
        {
            if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                Error(name, $"Must be a number of US dollars of at least 0, not {Describe(value)}.");
                return null;
            }

            if (!value.TryGetDecimal(out var usd))
            {
                Error(name, $"Must be between 0 and {MaxCostUsd:N0} US dollars.");
                return null;
            }

            if (usd < 0 || usd > MaxCostUsd)
            {
                Error(name, $"Must be between 0 and {MaxCostUsd:N0} US dollars.");
                return null;
            }

            return usd;
        }

        public bool Boolean(Field name)
        {
            if (!TryGet(name, out var value))
            {
                return false;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(name, $"Must be true or false, not {Describe(value)}.");
                return false;
            }

            return value.GetBoolean();
        }

        public DateTimeOffset? Timestamp(Field name, DateTimeOffset now)
        {
            if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var timestamp = default(DateTimeOffset);
            var problem = value.ValueKind == JsonValueKind.String ? ParseTime(value, out timestamp) : TimeProblem.NotATime;
            if (problem != TimeProblem.None)
            {
                Error(name, Rfc3339Time.Describe(problem));
                return null;
            }

            if (timestamp > now + MaxFutureSkew)
            {
                Error(name, "Must not be more than 5 minutes in the future.");
                return null;
            }

            if (timestamp.Year < 2000)
            {
                Error(name, "Must be in the year 2000 or later.");
                return null;
            }

            return timestamp.ToUniversalTime();
        }

        /// <summary>
        /// Reads the time from the string's own bytes, so no string is made for it; only an escaped one
        /// (<c>\u0032026-…</c>, which no client sends) is unescaped first.
        /// </summary>
        private static TimeProblem ParseTime(JsonElement value, out DateTimeOffset time)
        {
            var text = JsonMarshal.GetRawUtf8Value(value)[1..^1];
            if (!text.Contains((byte)'\\'))
            {
                return Rfc3339Time.Parse(text, out time);
            }

            time = default;
            return TryGetString(value, out var unescaped) ? Rfc3339Time.Parse(Encoding.UTF8.GetBytes(unescaped), out time) : TimeProblem.NotATime;
        }

        /// <summary>The string; false for half of a surrogate pair (<c>"\ud800"</c>), which System.Text.Json refuses to unescape.</summary>
        private static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text)
        {
            try
            {
                text = value.GetString()!;
                return true;
            }
            catch (InvalidOperationException)
            {
                text = null;
                return false;
            }
        }

        private static bool TryGetWholeDecimal(JsonElement value, out long number)
        {
            number = 0;
            if (!value.TryGetDecimal(out var d) || d != decimal.Truncate(d) || d < long.MinValue || d > long.MaxValue)
            {
                return false;
            }

            number = (long)d;
            return true;
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "that",
        };
    }
}
