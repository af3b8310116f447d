namespace BudgetHub.E2E;

/// <summary>The Usage page's Custom range asks for dates instead of showing a mislabelled chart, and refuses an end before the start.</summary>
public sealed class CustomRangeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheCalendar_ShowsTheWholeWeek()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");
        await page.Locator(".mud-toggle-item", new() { HasText = "Custom" }).ClickAsync();

        await page.GetByTestId("custom-start").ClickAsync();
        var calendar = page.Locator(".mud-popover-open");
        await Expect(calendar.GetByText("Sat", new() { Exact = true })).ToBeVisibleAsync();

        // The calendar was once as narrow as the field: Thursday to Saturday were cut off.
        var paper = (await calendar.BoundingBoxAsync())!;
        var saturday = (await calendar.GetByText("Sat", new() { Exact = true }).BoundingBoxAsync())!;
        Assert.True(saturday.X + saturday.Width <= paper.X + paper.Width, $"Sat ends at {saturday.X + saturday.Width}, the calendar at {paper.X + paper.Width}");
    }

    [Fact]
    public async Task CustomRange_AsksForBothDates_RefusesAnEndBeforeTheStart_AndThenShowsTheRange()
    {
        await SignedWebhook.PostAsync(fixture.App, """{"id":"custom-1","botId":"custom-bot","inputTokens":1000}""");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");
        await Expect(page.GetByTestId("chart-title")).ToBeVisibleAsync();

        await page.Locator(".mud-toggle-item", new() { HasText = "Custom" }).ClickAsync();

        var prompt = page.GetByTestId("custom-range-prompt");
        await Expect(prompt).ToHaveTextAsync("Pick a start and an end date to see the usage of that range.");
        await Expect(page.GetByTestId("chart-title")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("usage-chart")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("breakdown-table")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("export-csv")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "usage-custom-no-dates");

        await PickDayAsync(page, "custom-start", 10, previousMonth: true);
        await Expect(prompt).ToHaveTextAsync("Pick an end date as well to see the usage of that range.");
        await Expect(page.GetByTestId("chart-title")).ToHaveCountAsync(0);

        await PickDayAsync(page, "custom-end", 5, previousMonth: true);
        await Expect(page.GetByText("The end date is before the start date.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("custom-end")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("usage-chart")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "usage-custom-end-before-start");

        await PickDayAsync(page, "custom-end", 12, previousMonth: false);
        await Expect(page.GetByText("The end date is before the start date.")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("chart-title")).ToContainTextAsync("per day");
        await Expect(page.GetByTestId("export-csv")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "usage-custom-range");
    }

    /// <summary>Picks a day of last month (always in the past, whatever today is) or of the month the picker opens at.</summary>
    private static async Task PickDayAsync(IPage page, string field, int day, bool previousMonth)
    {
        await page.GetByTestId(field).ClickAsync();
        var calendar = page.Locator(".mud-popover-open");
        if (previousMonth)
        {
            await ShowPreviousMonthAsync(calendar);
        }

        // The month slides in after "previous month"; while it moves, the calendar takes a pointer click
        // meant for the day (seen in CI), so the day's button gets its click event directly.
        var dayButton = calendar.Locator(".mud-picker-calendar-day:not(.mud-hidden)")
            .Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{day}$") });
        await Expect(dayButton).ToHaveCountAsync(1);
        await dayButton.DispatchEventAsync("click");
        await Expect(calendar).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Goes back one month and waits until the calendar shows it. Under CI load a click on "previous
    /// month" made while the picker was still opening was seen to be lost (the later day pick then
    /// landed in the current month), so a click that changed nothing within a few seconds is made once more.
    /// </summary>
    private static async Task ShowPreviousMonthAsync(ILocator calendar)
    {
        static string MonthName(DateTime date) => date.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture);
        var lastMonth = new System.Text.RegularExpressions.Regex(MonthName(DateTime.Now.AddMonths(-1)));
        var title = calendar.Locator(".mud-button-month");
        var previous = calendar.Locator(".mud-picker-nav-button-prev");
        await previous.ClickAsync();
        try
        {
            await Expect(title).ToHaveTextAsync(lastMonth, new() { Timeout = 3_000 });
        }
        catch (PlaywrightException)
        {
            await Expect(title).ToContainTextAsync(MonthName(DateTime.Now));
            await previous.ClickAsync();
            await Expect(title).ToHaveTextAsync(lastMonth);
        }
    }
}
