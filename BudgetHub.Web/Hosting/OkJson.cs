using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BudgetHub.Web.Features.Enforcement;
using BudgetHub.Web.Features.Usage;
using Microsoft.AspNetCore.Http.Metadata;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// A 200 JSON answer sent in one piece with its Content-Length, serialized by generated code. The hot
/// endpoints use it instead of <see cref="TypedResults.Ok{TValue}(TValue)"/>, which streams the body
/// chunked and so sends each answer in two writes: measured, a third of the enforcement check's CPU.
/// </summary>
internal sealed class OkJson<T>(T value, JsonTypeInfo<T> typeInfo) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public T Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext context)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

/// <summary>
/// The hot endpoints' answers, with the API's usual JSON settings except <see cref="ApiJson.Encoder"/>:
/// an encoder of its own would take the generated serializer off its fast path.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EnforcementEndpoints.CheckResponse))]
[JsonSerializable(typeof(IngestionEndpoints.IngestResponse))]
internal sealed partial class HotApiJson : JsonSerializerContext;

internal static class ApiJson
{
    /// <summary>
    /// Names and reasons keep their characters ("research-agent · daily cap") instead of \u00B7
    /// escapes: the answers are JSON for programs and for people reading curl output, never HTML.
    /// </summary>
    public static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
