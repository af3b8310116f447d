namespace BudgetHub.E2E;

/// <summary>On a slow connection the server's answers land late; what the user typed must stay where they typed it.</summary>
public sealed class SlowConnectionTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheBotIdField_AnsweringLate_DoesNotTakeTheFocusBackFromTheLimit()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        var network = await HeldServerFrames.RouteAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await page.GetByTestId("create-budget").First.ClickAsync();
        await page.GetByTestId("policy-name").FillAsync("Slow line bot cap");
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        var botId = page.GetByTestId("policy-scope-id");
        await Expect(botId).ToBeVisibleAsync();

        network.Hold();
        await botId.FillAsync("slow-bot");
        await page.GetByTestId("policy-limit").ClickAsync();
        // A click that moves no focus: its re-render (the block choices) arrives after everything the server sent before it.
        await page.GetByTestId("policy-hard-limit").DispatchEventAsync("click");
        network.Release();
        await Expect(page.GetByText("Block until the window resets")).ToBeVisibleAsync();

        await page.Keyboard.TypeAsync("7");

        await Expect(botId).ToHaveValueAsync("slow-bot");
        await Expect(page.GetByTestId("policy-limit")).ToHaveValueAsync("7");
    }
}
