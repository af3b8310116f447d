namespace BudgetHub.E2E;

/// <summary>A field's error goes as soon as the user changes the field, not when they leave it or save again.</summary>
public sealed class FieldErrorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static ILocator FieldOf(IPage page, string testId) => page.Locator(".mud-input-control", new() { Has = page.GetByTestId(testId) });

    private async Task<IPage> OpenNewBudgetAsync()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await page.GetByTestId("create-budget").First.ClickAsync();
        return page;
    }

    [Fact]
    public async Task TypingABotId_ClearsItsError_WhileTheFocusIsStillInTheField()
    {
        var page = await OpenNewBudgetAsync();
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("policy-limit").FillAsync("50");
        await page.GetByTestId("policy-save").ClickAsync();
        var botId = FieldOf(page, "policy-scope-id");
        await Expect(botId.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-bot-id-error");

        await page.GetByTestId("policy-scope-id").FocusAsync();
        await page.Keyboard.TypeAsync("support-bot");

        await Expect(botId.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("policy-scope-id")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task TickingANotification_ClearsTheNeedsAnActionError()
    {
        var page = await OpenNewBudgetAsync();
        await page.GetByTestId("policy-limit").FillAsync("50");
        var editor = page.GetByTestId("policy-editor");
        foreach (var notify in new[] { "Email", "In-app notification" })
        {
            var box = editor.GetByLabel(notify, new() { Exact = true });
            if (await box.IsCheckedAsync())
            {
                await box.ClickAsync();
            }
        }

        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(editor).ToContainTextAsync("at least one");

        await editor.GetByLabel("In-app notification", new() { Exact = true }).ClickAsync();

        await Expect(editor).Not.ToContainTextAsync("at least one");
    }
}
