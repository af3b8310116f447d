namespace BudgetHub.E2E;

/// <summary>
/// The Usage page shows the budgets behind what it shows (seed 003: "the budget still appears in current usage
/// context"): the whole organization's, or, narrowed to a bot or a team, its own and those above it that count it.
/// </summary>
public sealed class UsageBudgetsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task BudgetAsync(string name, object scope, decimal limit, int[] thresholds, string action = "warn") => fixture.CreatePolicyAsync(new
    {
        name, scope, metric = "cost", limit, window = new { type = "fixed", unit = "month" }, thresholds, action,
    });

    [Fact]
    public async Task NarrowedToABotOrATeam_ThePageShowsTheBudgetsThatCoverIt_WithTheirBarsAndThresholds()
    {
        await BudgetAsync("Org monthly spend", new { type = "account" }, 100, [50, 90]);
        await BudgetAsync("Alpha team spend", new { type = "team", id = "alpha" }, 50, [80]);
        await BudgetAsync("Bot a1 cap", new { type = "bot", id = "a1" }, 30, [50], action: "block");
        await BudgetAsync("Beta team spend", new { type = "team", id = "beta" }, 100, [50]);
        await fixture.PostEventAsync(new object[]
        {
            new { id = "ub-1", botId = "a1", team = "alpha", costUsd = 30m, inputTokens = 1000 },
            new { id = "ub-2", botId = "a2", team = "alpha", costUsd = 10m, inputTokens = 1000 },
            new { id = "ub-3", botId = "b1", team = "beta", costUsd = 20m, inputTokens = 1000 },
        });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");
        var budgets = page.GetByTestId("usage-budget");

        await Expect(page.GetByTestId("usage-budgets-caption")).ToHaveTextAsync("Budgets of the whole organization.");
        await ExpectBudgetsAsync(page, ("Org monthly spend", "info", "60%"));
        await Expect(budgets.GetByTestId("usage-budget-thresholds")).ToHaveTextAsync("alerts at 50 / 90%");

        await page.GetByRole(AriaRole.Button, new() { Name = "a1", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("usage-budgets-caption")).ToHaveTextAsync("Budgets that count bot a1: its own, team alpha's and the whole organization's.");
        await ExpectBudgetsAsync(page, ("Bot a1 cap", "exceeded", "100%"), ("Alpha team spend", "warning", "80%"), ("Org monthly spend", "info", "60%"));
        await BrowserFixture.ScreenshotAsync(page, "usage-focus-bot-budgets");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show all usage" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Teams" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "beta", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("usage-budgets-caption")).ToHaveTextAsync("Budgets that count team beta: its own and the whole organization's.");
        await ExpectBudgetsAsync(page, ("Beta team spend", "none", "20%"), ("Org monthly spend", "info", "60%"));

        // Live: the team's bar moves as its bots spend, without a reload.
        await fixture.PostEventAsync(new { id = "ub-4", botId = "b1", costUsd = 40m, inputTokens = 1000 });
        await ExpectBudgetsAsync(page, ("Beta team spend", "info", "60%"), ("Org monthly spend", "exceeded", "100%"));
        await BrowserFixture.ScreenshotAsync(page, "usage-focus-team-budgets");
    }

    [Fact]
    public async Task NarrowedToABotThatNoBudgetCovers_ThePageSaysSo()
    {
        await fixture.PostEventAsync(new { id = "ub-lone", botId = "lone-bot", inputTokens = 10 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");

        await page.GetByRole(AriaRole.Button, new() { Name = "lone-bot", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("usage-budgets")).ToContainTextAsync("No budget covers bot lone-bot.");
        await Expect(page.GetByTestId("usage-budget")).ToHaveCountAsync(0);
    }

    /// <summary>The budgets shown, in order, each with its bar's severity and percent.</summary>
    private static async Task ExpectBudgetsAsync(IPage page, params (string Name, string Severity, string Percent)[] expected)
    {
        var budgets = page.GetByTestId("usage-budget");
        await Expect(budgets).ToHaveCountAsync(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var budget = budgets.Nth(i);
            await Expect(budget).ToContainTextAsync(expected[i].Name);
            await Expect(budget.GetByTestId("limit-percent")).ToHaveTextAsync(expected[i].Percent);
            await Expect(budget.GetByTestId("limit-bar")).ToHaveAttributeAsync("data-severity", expected[i].Severity);
        }
    }
}
