using BudgetHub.Web.Features.Budgets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>. Each endpoint lists its own answers; this adds what
/// metadata cannot say: how a caller signs in, and the bodies that endpoints read and validate themselves.
/// </summary>
internal static class ApiDocument
{
    /// <summary>The security scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string ApiKeyScheme = "apiKey";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer(AddApiKeyScheme);
            options.AddOperationTransformer(RequireApiKeyWhereTaken);
            options.AddDocumentTransformer(PolicyRequestSchema.Describe);
        });

    /// <summary>
    /// The endpoint takes an API key (or a member's sign-in): the document says so, and that a missing or
    /// wrong key is a 401. For a group it holds for every endpoint of the group.
    /// </summary>
    public static TBuilder TakesApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(TakesApiKeyMetadata.Instance,
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]));

    /// <summary>
    /// A JSON body that the endpoint reads itself (<see cref="RequestBody"/>, <see cref="StrictJsonBody"/>): its
    /// schema, and the 400 (fields), 413 (over 1 MiB) and 415 (not JSON) that reading it may answer.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJsonBody<TBody>(this RouteHandlerBuilder endpoint, bool isOptional = false) where TBody : notnull =>
        endpoint.Accepts<TBody>(isOptional, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static Task AddApiKeyScheme(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "bh_…",
            Description = "An API key of the account, sent as 'Authorization: Bearer bh_…'. Keys are created in Settings → API keys and shown once.",
        };
        return Task.CompletedTask;
    }

    private static Task RequireApiKeyWhereTaken(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.Contains(TakesApiKeyMetadata.Instance))
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] }];
        }

        return Task.CompletedTask;
    }

    private sealed class TakesApiKeyMetadata
    {
        public static readonly TakesApiKeyMetadata Instance = new();
    }
}
