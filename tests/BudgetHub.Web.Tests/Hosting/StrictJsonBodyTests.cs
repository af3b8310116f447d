using System.Text;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Hosting;

/// <summary>
/// How <see cref="StrictJsonBody"/> words what System.Text.Json refused. A field sent twice is told apart only by the
/// serializer's English message: if a .NET update rewords it, <see cref="AFieldSentTwice_IsNamed"/> fails here
/// instead of the API answering "Must be a string." for it.
/// </summary>
public sealed class StrictJsonBodyTests
{
    internal sealed record Sample(string? Name, int? Count, SampleWindow? Window);

    internal sealed record SampleWindow(string? Unit);

    [Fact]
    public async Task AFieldSentTwice_IsNamed() =>
        Assert.Equal(["Sent twice: each property may appear once."], (await ErrorsOfAsync("""{"name":"a","name":"b"}"""))["name"]);

    [Theory]
    [InlineData("""{"nme":"a"}""", "nme")]
    [InlineData("""{"window":{"units":"day"}}""", "window.units")]
    [InlineData("""{"a b":1}""", "a b")]
    public async Task AFieldTheTypeDoesNotHave_IsNotAField(string body, string field) =>
        Assert.StartsWith("Not a field of a sample", Assert.Single((await ErrorsOfAsync(body))[field]), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"name":5}""", "name", "Must be a string.")]
    [InlineData("""{"Name":5}""", "Name", "Must be a string.")]
    [InlineData("""{"window":{"unit":5}}""", "window.unit", "Must be a string.")]
    [InlineData("""{"count":99999999999}""", "count", "Out of range: must be a whole number.")]
    [InlineData("""{"count":"5"}""", "count", "Must be a whole number.")]
    public async Task AValueOfTheWrongKind_SaysWhatTheFieldTakes(string body, string field, string message) =>
        Assert.Equal([message], (await ErrorsOfAsync(body))[field]);

    [Fact]
    public async Task TheOptions_AreBuiltOnceForTheApp_NotPerRequest()
    {
        await using var services = Services();

        Assert.Same(services.GetRequiredService<StrictJsonOptions>().Options, services.GetRequiredService<StrictJsonOptions>().Options);
    }

    private static ServiceProvider Services() => new ServiceCollection().AddOptions().AddSingleton<StrictJsonOptions>().BuildServiceProvider();

    private static async Task<IDictionary<string, string[]>> ErrorsOfAsync(string body)
    {
        await using var services = Services();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var (value, problem) = await StrictJsonBody.ReadAsync<Sample>(http, "a sample", new Dictionary<string, string> { ["count"] = "a whole number" });
        Assert.Null(value);
        return Assert.IsType<ValidationProblem>(problem).ProblemDetails.Errors;
    }
}
