namespace BudgetHub.E2E;

/// <summary>Settings → Pricing refuses a negative price with a field error instead of saving it as $0.</summary>
public sealed class PriceDialogTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Settings → Pricing, "Add a price", with the model's name typed.</summary>
    private async Task<(IPage Page, ILocator Dialog)> OpenPriceDialogAsync(string model)
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/pricing");
        await page.GetByTestId("add-price").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByLabel("Model", new() { Exact = true }).FillAsync(model);
        return (page, dialog);
    }

    [Fact]
    public async Task ANegativePrice_IsAFieldError_AndNothingIsSaved()
    {
        var (page, dialog) = await OpenPriceDialogAsync("e2e-negative-model");
        await dialog.GetByLabel("Input $ / 1M", new() { Exact = true }).FillAsync("-3");
        await dialog.GetByLabel("Output $ / 1M", new() { Exact = true }).FillAsync("4");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(dialog.GetByText("Must be 0 or more.")).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("Input $ / 1M", new() { Exact = true })).ToHaveValueAsync("-3.00");
        await BrowserFixture.ScreenshotAsync(page, "price-dialog-negative");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByText("e2e-negative-model")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task EnterInAField_SavesThePrice()
    {
        var model = "e2e-enter-" + Guid.NewGuid().ToString("N")[..6];
        var (page, dialog) = await OpenPriceDialogAsync(model);
        await dialog.GetByLabel("Output $ / 1M", new() { Exact = true }).FillAsync("4");
        await dialog.GetByLabel("Output $ / 1M", new() { Exact = true }).PressAsync("Enter");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = model })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task APriceOfZero_IsSavedOnlyAtTheSecondAsking()
    {
        var model = "e2e-free-" + Guid.NewGuid().ToString("N")[..6];
        var (page, dialog) = await OpenPriceDialogAsync(model);

        await dialog.GetByTestId("save-price").ClickAsync();

        await Expect(dialog.GetByTestId("free-price-warning")).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("save-price")).ToHaveTextAsync("Save at $0");
        await BrowserFixture.ScreenshotAsync(page, "price-dialog-free");
        await dialog.GetByTestId("save-price").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = model })).ToContainTextAsync("$0.00");
    }
}
