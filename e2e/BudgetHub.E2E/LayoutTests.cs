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
        await BrowserFixture.OpenAsync(page, "/settings/notification-preferences");
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
