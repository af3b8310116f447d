using System.Globalization;
using System.Text.Json.Serialization;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Usage;

/// <summary><c>POST /api/v1/usage/events</c> (API key) and <c>POST /api/v1/webhooks/{sourceId}</c> (signed).</summary>
internal static class IngestionEndpoints
{
    /// <param name="hot">The short-circuited group (<see cref="Hosting.HotApi.MapHotApi"/>): the endpoint checks its caller itself.</param>
    public static RouteGroupBuilder MapUsageEventsEndpoint(this RouteGroupBuilder hot)
    {
        hot.MapPost("/usage/events", IngestAsync)
            .WithName("IngestUsageEvents").WithTags("Usage")
            .WithSummary("Record one usage event or a batch of up to 1000")
            .TakesApiKey().WithIngestionResponses().ProducesProblem(StatusCodes.Status403Forbidden);
        return hot;
    }

    /// <param name="hot">The short-circuited group (<see cref="Hosting.HotApi.MapHotApi"/>): the endpoint checks the signature itself.</param>
    public static RouteGroupBuilder MapWebhookEndpoint(this RouteGroupBuilder hot)
    {
        hot.MapPost("/webhooks/{sourceId}", IngestSignedAsync)
            .WithName("IngestSignedWebhook").WithTags("Usage")
            .WithSummary("Record usage sent as a Standard Webhooks signed request")
            .WithIngestionResponses().ProducesProblem(StatusCodes.Status401Unauthorized).AddOpenApiOperationTransformer(SignatureHeaders);
        return hot;
    }

    /// <summary>The body is one event or an array of them (the parser reads either): the document says both.</summary>
    private static Task OneEventOrABatch(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body.Schema is { } oneEvent)
        {
            body.Schema = new OpenApiSchema
            {
                OneOf = [oneEvent, new OpenApiSchema { Type = JsonSchemaType.Array, Items = oneEvent, MinItems = 1, MaxItems = UsageEventParser.MaxBatch }],
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>The three headers of Standard Webhooks that <see cref="HeaderProblem"/> checks, as the document's header parameters.</summary>
    private static Task SignatureHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Parameters ??= [];
        foreach (var (name, schema, description) in new[]
        {
            ("webhook-id", new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 }, "The message's id, signed with the body."),
            ("webhook-timestamp", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                $"When the message was signed, in Unix seconds: at most {StandardWebhookSignature.Tolerance.TotalMinutes:0} minutes from the server's clock."),
            ("webhook-signature", new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                "One or more space-separated 'v1,<base64>' signatures: HMAC-SHA256 of '{webhook-id}.{webhook-timestamp}.{body}' keyed with the source's secret (whsec_…)."),
        })
        {
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Required = true, Schema = schema, Description = description });
        }

        if (operation.Responses?.GetValueOrDefault("401") is OpenApiResponse unauthorized)
        {
            unauthorized.Description = "A header missing, a timestamp out of tolerance, an unknown source or a signature that does not match.";
        }

        return Task.CompletedTask;
    }

    /// <summary>A 429 says when to send again, as <see cref="HotApiAccess.Ingestion"/> does.</summary>
    private static Task RetryAfter(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.Responses?.GetValueOrDefault("429") is OpenApiResponse tooMany)
        {
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
            tooMany.Headers[Microsoft.Net.Http.Headers.HeaderNames.RetryAfter] = new OpenApiHeader
            {
                Description = "Seconds to wait before sending again.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
            };
        }

        return Task.CompletedTask;
    }

    private static RouteHandlerBuilder WithIngestionResponses(this RouteHandlerBuilder endpoint) => endpoint
        .AcceptsJsonBody<UsageEventBody>().AddOpenApiOperationTransformer(OneEventOrABatch)
        .Produces<IngestResponse>()
        .ProducesProblem(StatusCodes.Status429TooManyRequests).AddOpenApiOperationTransformer(RetryAfter);

    private static async Task<IResult> IngestAsync(HttpContext context, HotApiAccess access, IUsageMeter meter, TimeProvider clock)
    {
        if (await access.DeniedAsync(context) is { } denied)
        {
            return denied;
        }

        if (access.Ingestion(context) is { } limited)
        {
            return limited;
        }

        var body = await RequestBody.ReadJsonAsync(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        return await RecordAsync(context.User.GetAccountId(), body.Bytes, meter, clock, context.RequestAborted);
    }

    private static async Task<IResult> IngestSignedAsync(
        string sourceId, HttpContext context, HotApiAccess access, WebhookSourceService sources, IUsageMeter meter, TimeProvider clock)
    {
        // The headers are checked before the source is looked up: what they say wrong (a missing
        // header, a sender's clock out of tolerance) is then the same for every source id.
        var headers = context.Request.Headers;
        if (HeaderProblem(headers, clock.GetUtcNow(), out var timestamp) is { } headerProblem)
        {
            return headerProblem;
        }

        // A body that is not JSON (415, as routing answers a declared non-JSON type) or too large (413) is
        // answered so before the source is looked up: the same for every source id, it tells nothing of them.
        var body = await RequestBody.ReadJsonAsync(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        // An id no source can have (PostgreSQL could not even look it up) is an unknown source, as any other.
        var secrets = PlainText.HasControlCharacters(sourceId) ? null : await sources.ResolveAsync(sourceId, context.RequestAborted);
        if (secrets is null
            || !StandardWebhookSignature.Verify(secrets.Secrets, headers["webhook-id"].ToString(), timestamp, body.Bytes.Span, headers["webhook-signature"].ToString()))
        {
            return InvalidSignature();
        }

        // Only signed requests count against the source's rate: unsigned ones would use it up for its sender.
        if (access.Ingestion(context) is { } limited)
        {
            return limited;
        }

        sources.RecordUse(secrets);
        return await RecordAsync(secrets.AccountId, body.Bytes, meter, clock, context.RequestAborted);
    }

    /// <summary>The same answer for an unknown source and a bad signature.</summary>
    private static ProblemHttpResult InvalidSignature() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid signature",
            detail: "The webhook-id, webhook-timestamp (within 5 minutes of now) and webhook-signature headers must sign this body with the source's secret.");

    private static ProblemHttpResult? HeaderProblem(IHeaderDictionary headers, DateTimeOffset now, out long timestamp)
    {
        var errors = new Dictionary<string, string[]>();
        if (headers["webhook-id"].ToString().Length == 0)
        {
            errors["webhook-id"] = ["Missing: the message's id."];
        }

        if (!long.TryParse(headers["webhook-timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
        {
            errors["webhook-timestamp"] = ["Missing or not a number: the Unix time in seconds when the message was signed."];
        }
        else if (!StandardWebhookSignature.IsFresh(timestamp, now))
        {
            var off = TimeSpan.FromSeconds(Math.Abs(now.ToUnixTimeSeconds() - timestamp));
            errors["webhook-timestamp"] = [$"{(timestamp < now.ToUnixTimeSeconds() ? "Older" : "Later")} than the server's clock by {WindowSpec.Describe(off)}; "
                + $"it must be within {StandardWebhookSignature.Tolerance.TotalMinutes:0} minutes. Check the sending machine's clock, or send the message again."];
        }

        if (headers["webhook-signature"].ToString().Length == 0)
        {
            errors["webhook-signature"] = ["Missing: one or more space-separated v1,<base64> signatures."];
        }

        return errors.Count == 0 ? null : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid signature",
            detail: string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")), extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    private static async Task<IResult> RecordAsync(long accountId, ReadOnlyMemory<byte> body, IUsageMeter meter, TimeProvider clock, CancellationToken ct)
    {
        var parsed = UsageEventParser.Parse(body, clock.GetUtcNow());
        if (parsed.Problem is { } problem)
        {
            // The body as a whole is wrong: its error is under "$", the JSON path of the whole body.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [problem] }, detail: problem, title: JsonSyntax.Title);
        }

        if (parsed.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(parsed.Errors, detail: "Nothing was stored: fix the fields below and send the request again.");
        }

        var outcome = await meter.RecordAsync(accountId, parsed.Events, ct);
        return new OkJson<IngestResponse>(
            new IngestResponse(
                outcome.Accepted,
                outcome.Duplicates,
                outcome.Results.Select(IngestResult.From).ToList()),
            HotApiJson.Default.IngestResponse);
    }

    internal sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<IngestResult> Results);

    /// <param name="Reason">Why the action is not <c>allow</c>: the block that holds, else the most restrictive policy reached (absent for <c>allow</c>).</param>
    /// <param name="PolicyId">The policy behind <paramref name="Reason"/>; absent for a pause by hand.</param>
    internal sealed record IngestResult(
        string Id,
        string Status,
        string Action,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PolicyId = null)
    {
        public static IngestResult From(EventResult result)
        {
            var status = result.Status == EventStatus.Accepted ? "accepted" : "duplicate";
            var decision = result.Decision;
            var action = ActionNames.Of(decision.Action);
            return decision switch
            {
                { Action: EnforcementAction.Allow } => new(result.Id, status, action),
                { Blocks: [var block, ..] } => new(result.Id, status, action, block.Reason, block.PolicyId is { } id ? PolicyContract.IdOf(id) : null),
                { Reasons: [var reached, ..] } => new(result.Id, status, action,
                    $"{AlertMessages.Standing(reached)} ({reached.Percent.ToString(CultureInfo.InvariantCulture)}%)", PolicyContract.IdOf(reached.Policy.Id)),
                _ => new(result.Id, status, action),
            };
        }
    }
}
