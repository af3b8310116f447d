namespace BudgetHub.E2E;

/// <summary>A new budget that counts what an enabled one already counts says so before it is saved.</summary>
public sealed class PolicyTwinTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ABudgetLikeAnExistingOne_IsFlaggedBeforeSaving_UntilItDiffers()
    {
        await fixture.CreatePolicyAsync(new
        {
            name = "Org monthly spend", scope = new { type = "account" }, metric = "cost", limit = 100,
            window = new { type = "fixed", unit = "month" }, thresholds = new[] { 80 }, action = "warn",
        });

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);

        await Expect(page.GetByTestId("policy-twin")).ToContainTextAsync("“Org monthly spend” already counts the same usage");
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-twin");

        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("policy-twin")).ToHaveCountAsync(0);
    }
}
