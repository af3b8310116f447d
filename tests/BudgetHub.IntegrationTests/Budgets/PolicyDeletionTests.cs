using System.Net;

namespace BudgetHub.IntegrationTests.Budgets;

public sealed class PolicyDeletionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task DeletingABudget_ResolvesItsOpenAlerts_AndAuditsTheDeletion()
    {
        using var client = App.CreateClient();
        var bot = $"deleted-{Guid.NewGuid():N}"[..20];
        var id = await client.CreatePolicyAsync(new
        {
            name = $"Budget of {bot}", scope = new { type = "bot", id = bot }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
        });
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"e-{Guid.NewGuid():N}", bot: bot, input: 60))).EnsureSuccessStatusCode();
        var before = (await (await client.GetAsync($"/api/v1/alerts?botId={bot}")).JsonOf()).GetProperty("items");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Assert.Single(before.EnumerateArray()).GetProperty("resolvedAt").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/policies/{id}")).StatusCode);

        var after = (await (await client.GetAsync($"/api/v1/alerts?botId={bot}")).JsonOf()).GetProperty("items");
        Assert.Equal(System.Text.Json.JsonValueKind.String, Assert.Single(after.EnumerateArray()).GetProperty("resolvedAt").ValueKind);
        Assert.Equal(1, await Api.ScalarAsync(App.DatabasePath,
            $"SELECT count(*) FROM PolicyAudit WHERE PolicyId = {id["pol_".Length..]} AND Change = 'deleted'"));
    }
}
