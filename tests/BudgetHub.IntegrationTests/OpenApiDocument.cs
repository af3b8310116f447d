using System.Globalization;
using System.Text.Json;

namespace BudgetHub.IntegrationTests;

/// <summary>
/// The app's <c>/openapi/v1.json</c>, and a check of JSON values against its schemas: the keywords the
/// document uses (type, enum, const, properties, required, additionalProperties, items, the bounds,
/// oneOf/anyOf/allOf/not, if/then/else and <c>$ref</c> to its components), so that tests can hold real
/// requests and answers against what the document promises.
/// </summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public JsonElement Root => root;

    public JsonElement Schemas => root.GetProperty("components").GetProperty("schemas");

    public static async Task<OpenApiDocument> LoadAsync(AppProcess app)
    {
        using var client = app.CreateClient(apiKey: null);
        return new OpenApiDocument(await (await client.GetAsync("/openapi/v1.json")).JsonOf());
    }

    public JsonElement Operation(string method, string path) => root.GetProperty("paths").GetProperty(path).GetProperty(method);

    public IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
        root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name, path.Name, op.Value)));

    /// <summary>What in <paramref name="value"/> the component schema <paramref name="schemaName"/> does not allow (empty: valid).</summary>
    public List<string> Check(string schemaName, JsonElement value) => Check(Schemas.GetProperty(schemaName), value);

    public List<string> Check(JsonElement schema, JsonElement value)
    {
        var problems = new List<string>();
        Check(schema, value, "$", problems);
        return problems;
    }

    /// <summary>
    /// What in a real answer the operation's documentation does not say: its status is not listed, its
    /// content type is not the listed one, or its body does not match the listed schema.
    /// </summary>
    public async Task<List<string>> CheckAnswerAsync(string method, string path, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!Operation(method, path).GetProperty("responses").TryGetProperty(status, out var documented))
        {
            return [$"{method.ToUpperInvariant()} {path} answered {status}, which the document does not list."];
        }

        var body = await response.Content.ReadAsStringAsync();
        if (!documented.TryGetProperty("content", out var content))
        {
            return body.Length == 0 ? [] : [$"{method.ToUpperInvariant()} {path} {status} has a body; the document says none."];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        if (!content.TryGetProperty(mediaType, out var media))
        {
            return [$"{method.ToUpperInvariant()} {path} {status} is {mediaType}; the document says {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}."];
        }

        return Check(media.GetProperty("schema"), JsonDocument.Parse(body).RootElement)
            .Select(problem => $"{method.ToUpperInvariant()} {path} {status}: {problem}").ToList();
    }

    private JsonElement Resolve(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            ? Resolve(Schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]))
            : schema;

    private bool Valid(JsonElement schema, JsonElement value) => Check(schema, value).Count == 0;

    private void Check(JsonElement schema, JsonElement value, string at, List<string> problems)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        void Problem(string what) => problems.Add($"{at}: {what}");
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Contains(TypeOf(value)) && !(types.Contains("number") && TypeOf(value) == "integer"))
            {
                Problem($"is {TypeOf(value)}, not {string.Join(" or ", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            Problem($"{value.GetRawText()} is not one of {options.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            Problem($"is not {constant.GetRawText()}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, at, problems);
                break;
            case JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                Bound(schema, "minItems", items.Count, (count, min) => count >= min, Problem);
                Bound(schema, "maxItems", items.Count, (count, max) => count <= max, Problem);
                if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean()
                    && items.Select(i => i.GetRawText()).Distinct().Count() != items.Count)
                {
                    Problem("has an item twice");
                }

                if (schema.TryGetProperty("items", out var itemSchema))
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        Check(itemSchema, items[i], $"{at}[{i}]", problems);
                    }
                }

                break;
            case JsonValueKind.String:
                Bound(schema, "minLength", value.GetString()!.Length, (length, min) => length >= min, Problem);
                Bound(schema, "maxLength", value.GetString()!.Length, (length, max) => length <= max, Problem);
                break;
            case JsonValueKind.Number:
                Bound(schema, "minimum", value.GetDouble(), (number, min) => number >= min, Problem);
                Bound(schema, "maximum", value.GetDouble(), (number, max) => number <= max, Problem);
                break;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(part, value, at, problems);
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Count(part => Valid(part, value)) != 1)
        {
            Problem("matches none (or more than one) of oneOf");
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(part => Valid(part, value)))
        {
            Problem("matches none of anyOf");
        }

        if (schema.TryGetProperty("not", out var not) && Valid(not, value))
        {
            Problem($"matches what 'not' excludes: {not.GetRawText()}");
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            if (schema.TryGetProperty(Valid(condition, value) ? "then" : "else", out var branch))
            {
                Check(branch, value, at, problems);
            }
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> problems)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        foreach (var required in schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!) : [])
        {
            if (!value.TryGetProperty(required, out _))
            {
                problems.Add($"{at}: lacks {required}");
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{at}.{property.Name}", problems);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    problems.Add($"{at}: has {property.Name}, which is not a field");
                }
                else
                {
                    Check(additional, property.Value, $"{at}.{property.Name}", problems);
                }
            }
        }
    }

    private static void Bound<T>(JsonElement schema, string keyword, T actual, Func<T, double, bool> holds, Action<string> problem)
    {
        if (schema.TryGetProperty(keyword, out var bound) && !holds(actual, bound.GetDouble()))
        {
            problem($"{actual} is beyond {keyword} {bound.GetRawText()}");
        }
    }

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) || Math.Floor(value.GetDouble()) == value.GetDouble() ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
