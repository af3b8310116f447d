using System.Net;

namespace BudgetHub.IntegrationTests;

/// <summary>One app per database: a second one would count only its own share of the usage.</summary>
public sealed class InstanceLockTests
{
    [Fact]
    public async Task ASecondAppOnTheSameDatabase_StopsAtStartUpAndSaysWhy_AndTheFirstKeepsServing()
    {
        await using var first = await AppProcess.StartAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:BudgetHub"] = $"Data Source={first.DatabasePath}",
        }));

        Assert.Contains($"Another BudgetHub instance is using {first.DatabasePath}", refused.Message, StringComparison.Ordinal);
        using var client = first.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task AKilledApp_StartsAgainOnItsDatabase()
    {
        await using var app = await AppProcess.StartAsync();

        await app.RestartAsync();

        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
