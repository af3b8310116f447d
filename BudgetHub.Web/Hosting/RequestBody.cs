using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Hosting;

/// <summary>A JSON request body as raw bytes (signatures need them), or the problem to answer instead.</summary>
internal readonly record struct JsonBody(ReadOnlyMemory<byte> Bytes, ProblemHttpResult? Problem);

internal static class RequestBody
{
    private const long DrainBytes = 16 * 1024 * 1024;

    public const string NotJsonDetail = "Send the body as JSON with 'Content-Type: application/json'.";

    public static readonly string TooLargeDetail =
        $"Request bodies are limited to {WebHostingExtensions.MaxApiBodyBytes / 1024} KiB. A large batch of usage events can be sent in several requests.";

    /// <summary>Reads the body within the 1 MiB limit: 415 for a non-JSON content type, 413 when too large.</summary>
    public static async Task<JsonBody> ReadJsonAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return new JsonBody(default, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: NotJsonDetail));
        }

        // A body that is too large is still read to its end (up to DrainBytes more) before the 413 goes
        // out: closing a connection with unread bytes resets it, and the client loses the answer.
        if (request.ContentLength > WebHostingExtensions.MaxApiBodyBytes + DrainBytes)
        {
            return new JsonBody(default, TooLarge());
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = WebHostingExtensions.MaxApiBodyBytes + DrainBytes;
        }

        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var buffer = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, WebHostingExtensions.MaxApiBodyBytes + 1) : 16 * 1024);
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > WebHostingExtensions.MaxApiBodyBytes)
                {
                    buffer.SetLength(WebHostingExtensions.MaxApiBodyBytes + 1);
                    continue;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.Length > WebHostingExtensions.MaxApiBodyBytes
                ? new JsonBody(default, TooLarge())
                : new JsonBody(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new JsonBody(default, TooLarge());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: TooLargeDetail);

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));
}
