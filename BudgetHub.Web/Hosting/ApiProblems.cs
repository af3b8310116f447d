namespace BudgetHub.Web.Hosting;

/// <summary>Writes RFC 9457 problem details outside of an endpoint (authentication, limits).</summary>
internal static class ApiProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    public static bool IsApiRequest(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Problem results that endpoints share.</summary>
internal static class ApiResults
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(Dictionary<string, string[]> errors, string detail = "Nothing was changed: fix the fields below.") =>
        TypedResults.ValidationProblem(errors, detail: detail);
}
