using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Hosting;

/// <summary>A JSON request body as raw bytes (signatures need them), or the problem to answer instead.</summary>
internal readonly record struct JsonBody(ReadOnlyMemory<byte> Bytes, ProblemHttpResult? Problem);

internal static class RequestBody
{
    /// <summary>Reads the body within the 1 MiB limit: 415 for a non-JSON content type, 413 when too large.</summary>
    public static async Task<JsonBody> ReadJsonAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return new JsonBody(default, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the body as JSON with 'Content-Type: application/json'."));
        }

        if (request.ContentLength > WebHostingExtensions.MaxApiBodyBytes)
        {
            return new JsonBody(default, TooLarge());
        }

        try
        {
            using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 16 * 1024);
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            return new JsonBody(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new JsonBody(default, TooLarge());
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
        detail: $"Request bodies are limited to {WebHostingExtensions.MaxApiBodyBytes / 1024} KiB; send at most 1000 events per request.");

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));
}
