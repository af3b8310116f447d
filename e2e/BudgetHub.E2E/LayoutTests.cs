using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>
/// Layout at a 390px phone and a 1366px laptop: the notification preferences fit a phone, the usage chart's
/// date labels keep apart, model names use the room their table has, and toggle choices keep room around their text.
/// </summary>
public sealed class LayoutTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Model = "claude-sonnet-4-5-20250929";

    [Fact]
    public async Task NotificationPreferences_FitAPhone_WithEverySwitchInViewAndLabelled()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications/preferences");
        var card = page.GetByTestId("preferences-table").Locator("xpath=ancestor::div[contains(@class, 'mud-paper')][1]");
        await Expect(page.GetByTestId("inapp-exceeded")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "preferences-phone");

        var overflow = await card.EvaluateAsync<string[]>(
            "card => [card, ...card.querySelectorAll('.mud-table-container')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => `${e.className}: ${e.scrollWidth}px in ${e.clientWidth}px`)");
        Assert.True(overflow.Length == 0, "the preferences scroll sideways: " + string.Join("; ", overflow));
        var switches = await card.EvaluateAsync<string[]>("""
            card => {
              const box = card.getBoundingClientRect();
              return [...card.querySelectorAll('table input[type=checkbox]')]
                .map(i => ({ label: i.getAttribute('aria-label') ?? '', r: i.closest('.mud-switch').getBoundingClientRect() }))
                .map(s => `${s.label}|${s.r.left >= box.left && s.r.right <= box.right && s.r.width > 0}`);
            }
            """);
        Assert.Equal(8, switches.Length);
        Assert.All(switches, s => Assert.EndsWith("|true", s, StringComparison.Ordinal));
        Assert.Contains("In-app for Exceeded|true", switches);
        await Expect(page.GetByTestId("preferences-table").Locator("td[data-label='In-app (bell)']")).ToHaveCountAsync(4);

        var laptop = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(laptop);
        await BrowserFixture.OpenAsync(laptop, "/notifications/preferences");
        await Expect(laptop.GetByTestId("preferences-table").Locator("thead th")).ToHaveTextAsync(["Severity", "When", "Email", "In-app (bell)"]);
        await BrowserFixture.ScreenshotAsync(laptop, "preferences-laptop");
    }

    [Fact]
    public async Task UsageChartDateLabels_KeepApart_OnAPhoneAndALaptop()
    {
        await SeedUsageAsync();
        var phone = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone);
        await BrowserFixture.OpenAsync(phone, "/usage");
        await ExpectChartLabelsApartAsync(phone, "usage-chart", "7 days");
        await BrowserFixture.ScreenshotAsync(phone, "usage-chart-phone");
        foreach (var range in new[] { "Today", "30 days", "This month" })
        {
            await phone.Locator(".mud-toggle-group[aria-label='Range']").GetByText(range, new() { Exact = true }).ClickAsync();
            await ExpectChartLabelsApartAsync(phone, "usage-chart", range);
        }

        await BrowserFixture.OpenAsync(phone, "/");
        await ExpectChartLabelsApartAsync(phone, "overview-chart", "the Overview");

        var laptop = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(laptop);
        await BrowserFixture.OpenAsync(laptop, "/usage");
        await laptop.Locator(".mud-toggle-group[aria-label='Range']").GetByText("30 days", new() { Exact = true }).ClickAsync();
        await ExpectChartLabelsApartAsync(laptop, "usage-chart", "30 days");
        await BrowserFixture.ScreenshotAsync(laptop, "usage-chart-laptop");
    }

    [Fact]
    public async Task AModelNameOf26Characters_IsNotCut_OnALaptop()
    {
        await SeedUsageAsync();
        var page = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Models" }).ClickAsync();
        var name = page.GetByTestId("breakdown-table").Locator($".bh-truncate[title='{Model}']");
        await Expect(name).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "usage-models");

        var size = await name.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(size[0] <= size[1], $"{Model} is cut: {size[0]}px of text in {size[1]}px");
        var tableOverflows = await page.GetByTestId("breakdown-table").EvaluateAsync<bool>("t => { const c = t.querySelector('.mud-table-container'); return c.scrollWidth > c.clientWidth + 1; }");
        Assert.False(tableOverflows, "the breakdown table scrolls sideways");
    }

    [Fact]
    public async Task ToggleChoices_KeepRoomAroundTheirText_OnAPhoneAndALaptop()
    {
        await SeedUsageAsync();
        foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
        {
            var page = await fixture.NewPageAsync(width, height);
            await BrowserFixture.SignInAsync(page);
            foreach (var path in new[] { "/usage", "/notifications" })
            {
                await BrowserFixture.OpenAsync(page, path);
                await Expect(page.Locator(".mud-toggle-item").First).ToBeVisibleAsync();
                await BrowserFixture.ScreenshotAsync(page, $"toggles-{width}{path.Replace('/', '-')}");
                var cramped = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('.mud-toggle-item')].map(item => {
                        const range = document.createRange();
                        range.selectNodeContents(item.querySelector('.mud-button-label'));
                        const text = range.getBoundingClientRect(), box = item.getBoundingClientRect();
                        return { name: item.innerText.replace(/\s+/g, ' '), left: text.left - box.left, right: box.right - text.right, out: box.right > window.innerWidth };
                      })
                      .filter(c => c.left < 7.5 || c.right < 7.5 || c.out)
                      .map(c => `${c.name} (${c.left.toFixed(1)}px left, ${c.right.toFixed(1)}px right${c.out ? ', out of view' : ''})`)
                    """);
                Assert.True(cramped.Length == 0, $"{path} at {width}px: text touches its toggle's border: {string.Join("; ", cramped)}");
            }
        }
    }

    /// <summary>Waits until the chart is drawn at its size and its non-blank date labels keep at least 4px apart (at least two of them shown).</summary>
    private static async Task ExpectChartLabelsApartAsync(IPage page, string testId, string what)
    {
        const string measure = """
            testId => {
              const svg = document.querySelector(`[data-testid='${testId}'] svg`);
              if (!svg || svg.getAttribute('viewBox') === '0 0 700 350') return { count: 0, minGap: -1 };
              const boxes = [...svg.querySelectorAll('.mud-charts-xaxis text')].filter(t => t.textContent.trim() !== '')
                .map(t => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
              let minGap = 1e9;
              for (let i = 1; i < boxes.length; i++) minGap = Math.min(minGap, boxes[i].left - boxes[i - 1].right);
              return { count: boxes.length, minGap };
            }
            """;
        try
        {
            await page.WaitForFunctionAsync($"testId => {{ const m = ({measure})(testId); return m.count >= 2 && m.minGap >= 4; }}", testId);
        }
        catch (TimeoutException)
        {
            var result = await page.EvaluateAsync<LabelSpacing>(measure, testId);
            Assert.Fail($"{what} at {page.ViewportSize!.Width}px: {result.Count} labels, {result.MinGap:0.#}px apart at the closest");
        }
    }

    private sealed class LabelSpacing
    {
        public int Count { get; set; }

        public double MinGap { get; set; }
    }

    private async Task SeedUsageAsync()
    {
        using var client = fixture.App.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/usage/events", new[]
        {
            new { id = $"layout-{Guid.NewGuid():N}", botId = "layout-bot", model = Model, inputTokens = 900, costUsd = 1.5m },
            new { id = $"layout-{Guid.NewGuid():N}", botId = "layout-bot", model = "deepseek-reasoner-r1-0528", inputTokens = 900, costUsd = 1.2m },
            new { id = $"layout-{Guid.NewGuid():N}", botId = "layout-bot", model = "mistral-small-latest-2503", inputTokens = 900, costUsd = 0.7m },
        })).EnsureSuccessStatusCode();
    }
}
