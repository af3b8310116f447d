using BudgetHub.Domain.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// The API's JSON settings, made strict, built once: a field the body's type does not have is refused, as is one sent twice; a time
/// is read only with an offset (<see cref="Rfc3339TimeConverter"/>), a string only without control characters
/// (<see cref="PlainTextConverter"/>).
/// </summary>
internal sealed class StrictJsonOptions(IOptions<JsonOptions> api)
{
    public JsonSerializerOptions Options { get; } = new(api.Value.SerializerOptions)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new Rfc3339TimeConverter(), new PlainTextConverter() },
    };
}

/// <summary>
/// Reads a request body strictly, with <see cref="StrictJsonOptions"/>: a misspelled field would otherwise be
/// dropped and a default the caller did not mean applied, and <c>"limit": "5"</c> is a string. What
/// cannot be read is a field error that says what the field takes. A field the type does not have is told by
/// the error's path; a field sent twice only by System.Text.Json's message (pinned by StrictJsonBodyTests).
/// </summary>
internal static partial class StrictJsonBody
{
    /// <summary>How System.Text.Json's message for a property sent twice begins (with <c>AllowDuplicateProperties = false</c>).</summary>
    private const string DuplicatePropertyMessage = "Duplicate property";

    /// <param name="bodyName">What the body is, for "Not a field of a policy".</param>
    /// <param name="expected">What fields other than strings take; list items (<c>thresholds[2]</c>) are looked up as <c>thresholds[]</c>.</param>
    /// <returns>
    /// The value, or the problem to answer instead: 415 or 413 from <see cref="RequestBody"/>, a body that is not
    /// JSON at all (<see cref="JsonSyntax"/>), else field errors.
    /// </returns>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, string bodyName, IReadOnlyDictionary<string, string>? expected = null)
        where T : class
    {
        var body = await RequestBody.ReadJsonAsync(context);
        if (body.Problem is { } problem)
        {
            return (null, problem);
        }

        var options = context.RequestServices.GetRequiredService<StrictJsonOptions>().Options;
        var type = options.GetTypeInfo(typeof(T));
        try
        {
            return JsonSerializer.Deserialize(body.Bytes.Span, type) is T value
                ? (value, null)
                : (null, ApiResults.Invalid(new() { ["body"] = [$"Send {bodyName} as a JSON object."] }));
        }
        catch (JsonException ex)
        {
            if (JsonSyntax.ProblemIn(body.Bytes.Span) is { } malformed)
            {
                return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [malformed] }, malformed, title: JsonSyntax.Title));
            }

            var (field, message) = ErrorOf(ex, bodyName, type, expected);
            if (!IsUnknownField(ex, type))
            {
                return (null, ApiResults.Invalid(new() { [field] = [message] }));
            }

            // The reader stops at the first field it does not know: name every one, so that one round trip fixes them all.
            var unknown = UnknownFields(body.Bytes, type, options) is { Count: > 0 } found ? found : [field];
            return (null, ApiResults.Invalid(unknown.Distinct().ToDictionary(name => name, name => new[]
            {
                FieldMeant(options, typeof(T), name) is { } meant
                    ? $"Not a field of {bodyName}: did you mean {meant}? Field names are camelCase (see /openapi/v1.json)."
                    : message,
            })));
        }
    }

    /// <summary>The paths (<c>filter.models</c>) of every property of the body that its type does not have; none if it is not valid JSON.</summary>
    private static List<string> UnknownFields(ReadOnlyMemory<byte> body, JsonTypeInfo type, JsonSerializerOptions options)
    {
        var unknown = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            Collect(document.RootElement, type, "");
        }
        catch (JsonException)
        {
            return [];
        }

        return unknown;

        void Collect(JsonElement element, JsonTypeInfo info, string path)
        {
            if (element.ValueKind != JsonValueKind.Object || info.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                if (info.Properties.FirstOrDefault(p => p.Name == property.Name) is not { } known)
                {
                    unknown.Add(field);
                }
                else
                {
                    Collect(property.Value, options.GetTypeInfo(Nullable.GetUnderlyingType(known.PropertyType) ?? known.PropertyType), field);
                }
            }
        }
    }

    /// <param name="type">The body's type, read with <see cref="JsonUnmappedMemberHandling.Disallow"/>; null where unknown fields are skipped.</param>
    public static (string Field, string Message) ErrorOf(JsonException ex, string bodyName, JsonTypeInfo? type = null, IReadOnlyDictionary<string, string>? expected = null)
    {
        if (ex.Path is not { Length: > 2 } path)
        {
            return ("body", $"Send {bodyName} as a JSON object.");
        }

        var field = path.TrimStart('$', '.');
        if (type is not null && IsUnknownField(ex, type))
        {
            return (field, $"Not a field of {bodyName}: check its spelling (field names are camelCase; each body's fields are in /openapi/v1.json).");
        }

        if (ex.Message.StartsWith(PlainText.ControlCharactersError, StringComparison.Ordinal))
        {
            return (field, PlainText.ControlCharactersError);
        }

        if (ex.Message.StartsWith(DuplicatePropertyMessage, StringComparison.Ordinal))
        {
            return (field, "Sent twice: each property may appear once.");
        }

        var takes = expected?.GetValueOrDefault(ListItem().Replace(field, "[]")) ?? (type is null ? null : TakenAt(type, field)) ?? "a string";
        return ex.InnerException is FormatException
            ? (field, $"Out of range: must be {takes}.")
            : (field, $"Must be {takes}.");
    }

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex ListItem();

    /// <summary>What the field at <paramref name="path"/> takes, by its type: "a number", "true or false" or "a string"; null when the path leads nowhere.</summary>
    private static string? TakenAt(JsonTypeInfo type, string path)
    {
        var info = type;
        foreach (var segment in AnyListItem().Replace(path, "").Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (info.Kind != JsonTypeInfoKind.Object || info.Properties.FirstOrDefault(p => p.Name == segment) is not { } property)
            {
                return null;
            }

            info = info.Options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }

        return Type.GetTypeCode(info.Type) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.String => "a string",
            TypeCode.Decimal or TypeCode.Double or TypeCode.Single or TypeCode.Int64 or TypeCode.Int32 or TypeCode.Int16 => "a number",
            _ => null,
        };
    }

    /// <summary>
    /// Whether reading stopped at a property that its object's type does not have: the error's path (<c>$.filter.models</c>)
    /// leads through the type's properties to one that is not there. Any other error is at a property the type has.
    /// </summary>
    private static bool IsUnknownField(JsonException ex, JsonTypeInfo type)
    {
        var info = type;
        foreach (var segment in AnyListItem().Replace(ex.Path?.TrimStart('$', '.') ?? "", "").Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                return false;
            }

            var comparison = info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment, comparison)) is not { } property)
            {
                return true;
            }

            info = info.Options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }

        return false;
    }

    /// <summary>
    /// The field of <paramref name="type"/> that <paramref name="path"/> (<c>block_for</c>, <c>filter.models</c>)
    /// most likely meant: the same letters without <c>_</c> or <c>-</c>, or the plural or singular of the name.
    /// </summary>
    private static string? FieldMeant(JsonSerializerOptions options, Type type, string path)
    {
        var segments = AnyListItem().Replace(path, "").Split('.');
        var info = options.GetTypeInfo(type);
        foreach (var segment in segments[..^1])
        {
            if (info.Properties.FirstOrDefault(p => p.Name == segment) is not { } property)
            {
                return null;
            }

            info = options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }

        var sent = Letters(segments[^1]);
        var meant = info.Properties.Select(p => p.Name).FirstOrDefault(name => Letters(name) is var known && (known == sent || known == sent + "s" || known + "s" == sent));
        var parent = string.Join('.', segments[..^1]);
        return meant is null ? null : parent.Length == 0 ? meant : $"{parent}.{meant}";
    }

    private static string Letters(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex AnyListItem();
}
