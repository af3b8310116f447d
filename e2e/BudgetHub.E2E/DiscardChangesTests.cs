namespace BudgetHub.E2E;

/// <summary>Escape in the budget editor closes it, but asks first when something was typed: a stray key must not lose a half-made budget.</summary>
public sealed class DiscardChangesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Escape_OnAnUntouchedBudget_ClosesAtOnce()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        await Expect(page.GetByTestId("confirm-action")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task Escape_AfterTyping_AsksFirst_KeepEditingKeepsTheForm_DiscardClosesIt()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-limit").FillAsync("250");

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByText("What you entered is lost and no budget is created.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("confirm-cancel")).ToHaveTextAsync("Keep editing");
        await BrowserFixture.ScreenshotAsync(page, "budget-discard-changes");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(page.GetByTestId("policy-limit")).ToHaveValueAsync("250");

        await page.GetByTestId("policy-limit").PressAsync("Escape");
        await page.GetByTestId("confirm-action").ClickAsync();

        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
    }
}
