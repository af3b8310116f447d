using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// The framework's own answers say only "Bad Request" or "Unsupported Media Type", or word a binding failure
/// for the developer ("Failed to bind parameter "Nullable&lt;int&gt; limit""). A body or parameter it could not
/// bind gets its field error under <c>errors</c>, as the endpoints' own validation does; a path or method it
/// has no endpoint for gets what was asked and where the reference is; a 413 or 415 gets what the API takes.
/// The framework says which parameter failed only in its English messages: FrameworkProblemsTests pins each one read here.
/// </summary>
internal static partial class FrameworkProblems
{
    private const string ParametersDetail = "Fix the parameters below.";
    private const string BodyDetail = "Nothing was changed: fix the fields below.";

    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        if (context.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad && FieldErrorOf(bad, context.HttpContext) is var (field, message, detail))
        {
            problem.Title = "One or more validation errors occurred.";
            problem.Detail = detail;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
            return;
        }

        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {request.Path}. The API's paths are listed at /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}"
                + (context.HttpContext.Response.Headers.Allow is { Count: > 0 } allow ? $"; it takes {allow}." : "."),
            StatusCodes.Status413PayloadTooLarge => RequestBody.TooLargeDetail,
            StatusCodes.Status415UnsupportedMediaType => RequestBody.NotJsonDetail,
            _ => (context.Exception as BadHttpRequestException)?.Message,
        };
    }

    private static (string Field, string Message, string Detail)? FieldErrorOf(BadHttpRequestException bad, HttpContext http)
    {
        if (bad.InnerException is JsonException json)
        {
            var bodyType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var (field, message) = StrictJsonBody.ErrorOf(json, "this request", bodyType is null ? null : options.GetTypeInfo(bodyType));
            return (field, message, BodyDetail);
        }

        if (ParameterNotBound().Match(bad.Message) is { Success: true } notBound)
        {
            return (notBound.Groups["name"].Value, MustBe(notBound.Groups["type"].Value), ParametersDetail);
        }

        var missing = ParameterMissing().Match(bad.Message);
        if (missing.Success && missing.Groups["source"].Value != "body")
        {
            return (missing.Groups["name"].Value, "Required.", ParametersDetail);
        }

        return missing.Success || BodyMissing().IsMatch(bad.Message)
            ? ("body", "Required: the request's fields as a JSON object.", BodyDetail)
            : null;
    }

    private static string MustBe(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "long" or "short" or "byte" => "Must be a whole number.",
        "decimal" or "double" or "float" => "Must be a number.",
        "bool" => "Must be true or false.",
        _ => "Is not a value this parameter takes.",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from ".*"\.$""", RegexOptions.Singleline)]
    private static partial Regex ParameterNotBound();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[^.]+)\.$""")]
    private static partial Regex ParameterMissing();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided""")]
    private static partial Regex BodyMissing();
}
