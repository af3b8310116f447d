using Microsoft.AspNetCore.Diagnostics;

namespace BudgetHub.Web.Hosting;

internal static class ErrorHandling
{
    /// <summary>
    /// API callers get RFC 9457 problem details for every error (a too-large body is 413, not 500);
    /// people get the designed error and not-found pages.
    /// </summary>
    public static IApplicationBuilder UseErrorPagesAndProblems(this IApplicationBuilder app)
    {
        app.UseWhen(context => context.Request.IsApiRequest(), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusCodeOf, SuppressDiagnosticsCallback = IsCallersFault });
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !context.Request.IsApiRequest(), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error", CreateScopeForErrors = true, StatusCodeSelector = StatusCodeOf, SuppressDiagnosticsCallback = IsCallersFault,
            });
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        return app;
    }

    private static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// A malformed or abandoned request (a client that hangs up mid-body) is the caller's doing: it
    /// gets its 4xx answer but is not logged as a server error.
    /// </summary>
    private static bool IsCallersFault(ExceptionHandlerSuppressDiagnosticsContext context) =>
        context.Exception is BadHttpRequestException || context.HttpContext.RequestAborted.IsCancellationRequested;

    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (Readiness readiness) => readiness.IsReady
                ? Results.Ok(new { status = "ready" })
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Starting", detail: "The app is loading its counters."))
            .WithName("Health").WithTags("Health").AllowAnonymous();
        return endpoints;
    }
}
