using System.Net.Http.Json;
using System.Net;

namespace BudgetHub.IntegrationTests.Budgets;

public sealed class PolicyNameTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..24];

    private static object Budget(string name, long limit = 100) => new
    {
        name, scope = new { type = "account" }, metric = "tokens", limit, window = new { type = "fixed", unit = "day" },
    };

    private async Task<long> CountNamedAsync(string name) =>
        await Api.ScalarAsync(App.DatabasePath, $"SELECT count(*) FROM Policies WHERE lower(trim(Name)) = lower(trim('{name}'))");

    [Fact]
    public async Task Create_WithTheNameOfAnotherPolicy_IgnoringCaseAndSpaces_IsRefusedWithANameError_AndStoresNothing()
    {
        using var client = App.CreateClient();
        var name = Unique("Support cap");
        await client.CreatePolicyAsync(Budget(name));

        var response = await client.PostJsonAsync("/api/v1/policies", Budget($"  {name.ToUpperInvariant()} ", 500));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = Assert.Single((await response.JsonOf()).GetProperty("errors").GetProperty("name").EnumerateArray()).GetString();
        Assert.Contains("already named", message, StringComparison.Ordinal);
        Assert.Equal(1, await CountNamedAsync(name));
    }

    [Fact]
    public async Task Create_ReportsADuplicateNameTogetherWithTheOtherFieldErrors()
    {
        using var client = App.CreateClient();
        var name = Unique("Both errors");
        await client.CreatePolicyAsync(Budget(name));

        var response = await client.PostJsonAsync("/api/v1/policies", Budget(name, limit: -1));

        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("limit", out _), errors.ToString());
    }

    [Fact]
    public async Task Update_ToAnotherPolicysName_IsRefused_ButKeepingOrRecasingItsOwnNameIsFine()
    {
        using var client = App.CreateClient();
        var first = Unique("First");
        var second = Unique("Second");
        await client.CreatePolicyAsync(Budget(first));
        var id = await client.CreatePolicyAsync(Budget(second));

        var clash = await client.PutAsJsonAsync($"/api/v1/policies/{id}", Budget(first.ToLowerInvariant(), 200), Api.Json);
        var same = await client.PutAsJsonAsync($"/api/v1/policies/{id}", Budget(second, 300), Api.Json);
        var recased = await client.PutAsJsonAsync($"/api/v1/policies/{id}", Budget(second.ToUpperInvariant(), 400), Api.Json);

        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.True((await clash.JsonOf()).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recased.StatusCode);
        var stored = await (await client.GetAsync($"/api/v1/policies/{id}")).JsonOf();
        Assert.Equal(second.ToUpperInvariant(), stored.GetProperty("name").GetString());
        Assert.Equal(400m, stored.GetProperty("limit").GetDecimal());
    }

    [Fact]
    public async Task ARetentionPolicy_CannotTakeTheNameOfABudget()
    {
        using var client = App.CreateClient();
        var name = Unique("Shared name");
        await client.CreatePolicyAsync(Budget(name));

        var response = await client.PostJsonAsync("/api/v1/policies", new { name, kind = "retention", scope = new { type = "account" }, maxAge = "P30D" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonOf()).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task TwoCreatesWithTheSameNameAtOnce_StoreOnlyOne()
    {
        var name = Unique("Race");
        var clients = Enumerable.Range(0, 6).Select(_ => App.CreateClient()).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostJsonAsync("/api/v1/policies", Budget(name))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(1, await CountNamedAsync(name));
        clients.ForEach(c => c.Dispose());
    }
}
