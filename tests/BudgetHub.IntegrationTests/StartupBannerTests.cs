namespace BudgetHub.IntegrationTests;

/// <summary>The quick start's banner: the URL and the demo login, printed once the app is ready.</summary>
public sealed class StartupBannerTests
{
    [Fact]
    public async Task TheBanner_ComesAfterTheDemoDataIsSeeded_AndGivesTheUrlAndTheLogin()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap:DemoData"] = "true",
            ["Logging:LogLevel:BudgetHub.Web.Hosting.ReadinessWorker"] = "Information",
        });

        await Poll.UntilAsync(() => Task.FromResult(app.Output.Contains("BudgetHub is running.", StringComparison.Ordinal)), "the banner");

        var output = app.Output;
        Assert.Contains("Seeding two weeks of demo usage", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("Seeding two weeks of demo usage", StringComparison.Ordinal)
            < output.IndexOf("BudgetHub is running.", StringComparison.Ordinal), output);
        Assert.Contains($"Open        {app.BaseAddress.ToString().TrimEnd('/')}", output, StringComparison.Ordinal);
        Assert.Contains($"Sign in     {AppProcess.AdminEmail} / {AppProcess.AdminPassword}", output, StringComparison.Ordinal);
    }
}
