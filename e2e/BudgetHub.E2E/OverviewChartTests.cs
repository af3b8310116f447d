using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>The Overview's spend chart fills its card, across and down, beside a tall "Budgets closest to their limit" card.</summary>
public sealed class OverviewChartTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheSpendChart_FillsItsCard_AtLaptopAndDesktopWidths()
    {
        await SeedUsageAndFiveBudgetsAsync();
        foreach (var width in new[] { 1366, 1920 })
        {
            var page = await fixture.NewPageAsync(width, 900);
            await BrowserFixture.SignInAsync(page);
            await BrowserFixture.OpenAsync(page, "/");
            await Expect(page.GetByTestId("overview-budget")).ToHaveCountAsync(5);

            var geometry = await WaitForChartGeometryAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"overview-chart-{width}");

            Assert.True(geometry.SvgWidth >= geometry.CardInnerWidth - 2, $"{width}px: the chart is {geometry.SvgWidth}px wide in a {geometry.CardInnerWidth}px card");
            Assert.True(Math.Abs(geometry.ViewBoxWidth - geometry.SvgWidth) <= 2, $"{width}px: the chart is drawn {geometry.ViewBoxWidth}px wide into {geometry.SvgWidth}px");
            Assert.True(geometry.GapBelow <= 20, $"{width}px: the chart ends {geometry.GapBelow}px above the bottom of its card");
        }
    }

    [Fact]
    public async Task TheOverview_ListsTheMonthsTopModels_BiggestSpenderFirst()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new[]
            {
                new { id = "top-model-1", botId = "model-bot", model = "gpt-4o-mini", costUsd = 0.40m },
                new { id = "top-model-2", botId = "model-bot", model = "claude-sonnet-4-5", costUsd = 2.10m },
            })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/");

        var rows = page.GetByTestId("top-models").Locator("tbody tr");
        await Expect(rows.First).ToContainTextAsync("claude-sonnet-4-5");
        await Expect(rows.First).ToContainTextAsync("$2.10");
        await Expect(page.GetByTestId("top-models")).ToContainTextAsync("gpt-4o-mini");
    }

    private sealed class ChartGeometry
    {
        public double CardInnerWidth { get; set; }

        public double SvgWidth { get; set; }

        public double ViewBoxWidth { get; set; }

        public double GapBelow { get; set; }
    }

    private static async Task<ChartGeometry> WaitForChartGeometryAsync(IPage page)
    {
        // The chart is drawn once the browser has told it its size: until then its viewBox is MudBlazor's default 700×350.
        var svg = page.GetByTestId("overview-chart").Locator("svg").First;
        await Expect(svg).Not.ToHaveAttributeAsync("viewBox", "0 0 700 350");
        return await page.GetByTestId("overview-chart-card").EvaluateAsync<ChartGeometry>("""
            card => {
              const svg = card.querySelector('svg');
              const c = card.getBoundingClientRect(), s = svg.getBoundingClientRect();
              const padding = parseFloat(getComputedStyle(card).paddingLeft) + parseFloat(getComputedStyle(card).paddingRight);
              return { cardInnerWidth: c.width - padding, svgWidth: s.width, viewBoxWidth: svg.viewBox.baseVal.width,
                       gapBelow: c.bottom - parseFloat(getComputedStyle(card).paddingBottom) - s.bottom };
            }
            """);
    }

    private async Task SeedUsageAndFiveBudgetsAsync()
    {
        using var client = fixture.App.CreateClient();
        for (var i = 1; i <= 5; i++)
        {
            var created = await client.PostAsJsonAsync("/api/v1/policies", new
            {
                name = $"Chart bot spend cap number {i}, watched by finance every single day of the month",
                scope = new { type = "bot", id = "chart-bot" }, metric = "cost", limit = 10 * i,
                window = new { type = "fixed", unit = "month" }, thresholds = new[] { 50 }, action = "warn",
            });
            created.EnsureSuccessStatusCode();
        }

        (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = $"chart-{Guid.NewGuid():N}", botId = "chart-bot", costUsd = 4.2m, inputTokens = 1000 })).EnsureSuccessStatusCode();
    }
}
