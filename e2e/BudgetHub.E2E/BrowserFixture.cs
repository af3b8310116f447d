using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>
/// The real app and Debian's Chromium, headless, driven by Playwright. Never downloads a browser.
/// Screenshots go to <see cref="ScreenshotDirectory"/> (E2E_SCREENSHOTS, else artifacts/screenshots).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AppProcess App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Paths.RepositoryRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        App = await StartAppAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>The app as the tests of this fixture need it: by default, a fresh one with the bootstrap account.</summary>
    protected virtual Task<AppProcess> StartAppAsync() => AppProcess.StartAsync();

    /// <summary>Creates a policy through the API, as a customer's code would.</summary>
    public async Task CreatePolicyAsync(object policy)
    {
        using var client = App.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/policies", policy)).EnsureSuccessStatusCode();
    }

    public const string MemberPassword = "member password 1";

    /// <summary>Changes the app's database behind its back.</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={App.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Registers someone (password <see cref="MemberPassword"/>) and makes them a member of the bootstrap account, where they sign in.</summary>
    public async Task AddMemberAsync(string email, string role)
    {
        using (var session = new BrowserlessSession(App.BaseAddress))
        {
            await session.RegisterAsync("Own Co", email, MemberPassword);
        }

        await ExecuteSqlAsync($"""
            INSERT INTO AccountMembers (AccountId, UserId, Role, JoinedAt)
            SELECT 1, Id, '{role}', '2026-01-01 00:00:00' FROM AspNetUsers WHERE Email = '{email}';
            UPDATE AspNetUsers SET ActiveAccountId = 1 WHERE Email = '{email}';
            """);
    }

    /// <summary>Sends one usage event (or an array) through the API.</summary>
    public async Task PostEventAsync(object body)
    {
        using var client = App.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/usage/events", body)).EnsureSuccessStatusCode();
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email = AppProcess.AdminEmail, string password = AppProcess.AdminPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("user-menu")).ToBeVisibleAsync();
        await page.Locator("[data-bh-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Navigates and waits until the page is interactive (prerendered buttons ignore clicks until then).</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-bh-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Opens the new-budget dialog and waits, as a person would, for the cursor to be in its Name field:
    /// a field filled before the dialog has put its focus there can have the rest of the typing go to Name.
    /// </summary>
    public static async Task OpenNewBudgetAsync(IPage page)
    {
        await page.GetByTestId("create-budget").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("policy-name")).ToBeFocusedAsync();
    }

    /// <summary>A bot seen for the first time (one event), and a signed-in page open on it.</summary>
    public async Task<(IPage Page, string BotId)> OpenNewBotAsync(string prefix)
    {
        var bot = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        using (var client = App.CreateClient())
        {
            (await client.PostAsync("/api/v1/usage/events", new StringContent(
                $$"""{"id":"e-{{Guid.NewGuid():N}}","botId":"{{bot}}","inputTokens":10}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        var page = await NewPageAsync();
        await SignInAsync(page);
        await OpenAsync(page, $"/bots/{bot}");
        return (page, bot);
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
