using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http;
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

    private static Dictionary<string, string[]> ErrorsOf(ProblemDetails problem) => (Dictionary<string, string[]>)problem.Extensions["errors"]!;

    /// <summary>What the app answers when the framework's binding refuses the request.</summary>
    private static async Task<ProblemDetails> ProblemOfAsync(Delegate handler, string query, string method = "GET")
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var endpoint = RequestDelegateFactory.Create(handler, new RequestDelegateFactoryOptions { ServiceProvider = services, ThrowOnBadRequest = true });
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = method;
        http.Request.QueryString = new QueryString(query);
        var bad = await Assert.ThrowsAsync<BadHttpRequestException>(() => endpoint.RequestDelegate(http));
        var context = new ProblemDetailsContext { HttpContext = http, Exception = bad, ProblemDetails = new ProblemDetails { Status = bad.StatusCode } };
        FrameworkProblems.Describe(context);
        return context.ProblemDetails;
    }
}
