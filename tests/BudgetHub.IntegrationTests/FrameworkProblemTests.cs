using System.Net;
using System.Text;

namespace BudgetHub.IntegrationTests;

/// <summary>
/// What the framework answers before an endpoint runs (binding, content type, body size) is problem details
/// with a detail, and a field error where there is a field: in Production, where it was a bare status.
/// </summary>
public sealed class FrameworkProblemTests(FrameworkProblemTests.ProductionFixture fixture) : IClassFixture<FrameworkProblemTests.ProductionFixture>
{
    public sealed class ProductionFixture : AppFixture
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
    }

    private AppProcess App => fixture.App;

    [Theory]
    [InlineData("POST", "/api/v1/policies")]
    [InlineData("PUT", "/api/v1/policies/pol_1")]
    [InlineData("POST", "/api/v1/usage/events")]
    [InlineData("POST", "/api/v1/webhooks/default")]
    [InlineData("POST", "/api/v1/bots/any/pause")]
    [InlineData("PUT", "/api/v1/account")]
    public async Task ABodyThatIsNotJson_Is415_SayingWhatToSend(string method, string path)
    {
        using var client = App.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Send the body as JSON with 'Content-Type: application/json'.", (await response.JsonOf()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnAccountBodyOverOneMebibyte_Is413_SayingTheLimit()
    {
        using var client = App.CreateClient();

        var response = await client.PutAsync("/api/v1/account", new StringContent($$"""{"name":"{{new string('n', 1_100_000)}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("Request bodies are limited to 1024 KiB.", (await response.JsonOf()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "body", "The body is empty: send JSON.")]
    [InlineData("""{"timeZone":5}""", "timeZone", "Must be a string.")]
    [InlineData("{\"name\":\"x\"", "body", "The JSON is incomplete: it ends at line 1")]
    public async Task AnAccountBodyThatCannotBeRead_IsAFieldError_InThePublicsWords(string body, string field, string message)
    {
        using var client = App.CreateClient();

        var response = await client.PutAsync("/api/v1/account", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonOf();
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
