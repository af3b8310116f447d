using System.Net;
using System.Net.Http.Json;

namespace BudgetHub.IntegrationTests.Budgets;

/// <summary>Tier labels match in any case, so the templates of one tier spell it one way.</summary>
public sealed class TierTemplateSpellingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    private static object Template(string name, string tier, string unit = "day") => new
    {
        name, scope = new { type = "tier", id = tier }, metric = "tokens", limit = 1000, window = new { type = "fixed", unit },
    };

    private Task<long> CountTemplatesAsync(string tier) =>
        Api.ScalarAsync(App.DatabasePath, $"SELECT count(*) FROM Policies WHERE ScopeType = 'Tier' AND lower(ScopeKey) = lower('{tier}')");

    [Fact]
    public async Task Create_ATemplateForATierAnotherTemplateSpellsInAnotherCase_IsA400OnScopeId_NamingThatTemplate_AndStoresNothing()
    {
        using var client = App.CreateClient();
        var tier = Unique("gold");
        var name = Unique("Gold daily ");
        await client.CreatePolicyAsync(Template(name, tier));

        var response = await client.PostJsonAsync("/api/v1/policies", Template(Unique("Gold monthly "), tier.ToUpperInvariant(), "month"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(["scope.id"], errors.EnumerateObject().Select(e => e.Name));
        var message = Assert.Single(errors.GetProperty("scope.id").EnumerateArray()).GetString();
        Assert.Equal($"The template \"{name}\" already spells this tier \"{tier}\". Tier labels match in any case: write \"{tier}\", so the tier has one name.", message);
        Assert.Equal(1, await CountTemplatesAsync(tier));
    }

    [Fact]
    public async Task ASecondTemplateSpelledTheSame_IsFine_AndALoneTemplateMayChangeItsOwnSpelling()
    {
        using var client = App.CreateClient();
        var tier = Unique("silver");
        var lone = Unique("bronze");
        await client.CreatePolicyAsync(Template(Unique("Silver daily "), tier));
        var loneId = await client.CreatePolicyAsync(Template(Unique("Bronze daily "), lone));

        var second = await client.PostJsonAsync("/api/v1/policies", Template(Unique("Silver monthly "), tier, "month"));
        var recased = await client.PutAsJsonAsync($"/api/v1/policies/{loneId}", Template(Unique("Bronze daily "), lone.ToUpperInvariant()), Api.Json);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recased.StatusCode);
        Assert.Equal(2, await CountTemplatesAsync(tier));
    }

    [Fact]
    public async Task Update_ToATierAnotherTemplateSpellsInAnotherCase_IsRefused_AndChangesNothing()
    {
        using var client = App.CreateClient();
        var tier = Unique("plat");
        await client.CreatePolicyAsync(Template(Unique("Plat daily "), tier));
        var otherName = Unique("Other daily ");
        var other = await client.CreatePolicyAsync(Template(otherName, Unique("other")));

        var response = await client.PutAsJsonAsync($"/api/v1/policies/{other}", Template(otherName, tier.ToUpperInvariant()), Api.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonOf()).GetProperty("errors").TryGetProperty("scope.id", out _));
        Assert.Equal(1, await CountTemplatesAsync(tier));
    }
}
