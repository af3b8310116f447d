using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Hosting;

/// <summary>
/// <see cref="FrameworkProblems"/> reads the framework's English binding messages: each case runs the framework's own
/// binding, so a .NET update that words them differently fails here instead of turning field errors into bare 400s.
/// </summary>
public sealed class FrameworkProblemsTests
{
    [Fact]
    public async Task AQueryValueThatDoesNotBind_IsAFieldErrorOfThatParameter()
    {
        var problem = await ProblemOfAsync((int? limit) => Results.Ok(), "?limit=abc");

        Assert.Equal("Fix the parameters below.", problem.Detail);
        Assert.Equal(["Must be a whole number."], ErrorsOf(problem)["limit"]);
    }

    [Fact]
    public async Task ARequiredQueryValueMissing_IsAFieldErrorOfThatParameter()
    {
        var problem = await ProblemOfAsync((int limit) => Results.Ok(), "");

        Assert.Equal("Fix the parameters below.", problem.Detail);
        Assert.Equal(["Required."], ErrorsOf(problem)["limit"]);
    }

    [Fact]
    public async Task AMissingBody_IsAFieldErrorOfTheBody()
    {
        var inferred = await ProblemOfAsync((Body body) => Results.Ok(), "", "POST");
        var explicitlyFromBody = await ProblemOfAsync(([FromBody] Body body) => Results.Ok(), "", "POST");

        Assert.All([inferred, explicitlyFromBody], problem =>
        {
            Assert.Equal("Nothing was changed: fix the fields below.", problem.Detail);
            Assert.Equal(["Required: the request's fields as a JSON object."], ErrorsOf(problem)["body"]);
        });
    }

    [Theory]
    [InlineData("""{"name":5}""", "name", "Must be a string.")]
    [InlineData("""{"nmae":"x"}""", "nmae", "Not a field of this request: check its spelling (field names are camelCase; each body's fields are in /openapi/v1.json).")]
    public async Task ABodyThatDoesNotBind_IsAFieldErrorOfThatField(string json, string field, string message)
    {
        var problem = await ProblemOfAsync((Body body) => Results.Ok(), "", "POST", json);

        Assert.Equal([message], ErrorsOf(problem)[field]);
    }

    [System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
    internal sealed record Body(string? Name);

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private static Dictionary<string, string[]> ErrorsOf(ProblemDetails problem) => (Dictionary<string, string[]>)problem.Extensions["errors"]!;

    /// <summary>What the app answers when the framework's binding refuses the request.</summary>
    private static async Task<ProblemDetails> ProblemOfAsync(Delegate handler, string query, string method = "GET", string? json = null)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var endpoint = RequestDelegateFactory.Create(handler, new RequestDelegateFactoryOptions { ServiceProvider = services, ThrowOnBadRequest = true });
        var http = new DefaultHttpContext { RequestServices = services };
        http.SetEndpoint(new Endpoint(endpoint.RequestDelegate, new EndpointMetadataCollection(endpoint.EndpointMetadata), "test"));
        http.Request.Method = method;
        http.Request.QueryString = new QueryString(query);
        if (json is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(json);
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = bytes.Length;
            http.Request.Body = new MemoryStream(bytes);
            http.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
        }

        var bad = await Assert.ThrowsAsync<BadHttpRequestException>(() => endpoint.RequestDelegate(http));
        var context = new ProblemDetailsContext { HttpContext = http, Exception = bad, ProblemDetails = new ProblemDetails { Status = bad.StatusCode } };
        FrameworkProblems.Describe(context);
        return context.ProblemDetails;
    }
}
