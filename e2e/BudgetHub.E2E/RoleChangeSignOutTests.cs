using Microsoft.Data.Sqlite;

namespace BudgetHub.E2E;

/// <summary>
/// A member whose role an Owner changes is signed out of the page they have open; the sign-in page they land on says
/// why, in their browser only.
/// </summary>
public sealed class RoleChangeSignOutTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Member = "analyst@example.org";
    private const string MemberPassword = "analyst password 1";

    [Fact]
    public async Task AMemberWhosePageIsOpen_WhenAnOwnerChangesTheirRole_LandsOnSignInWithTheReason()
    {
        await AddFinanceMemberAsync();
        var member = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(member, Member, MemberPassword);
        await BrowserFixture.OpenAsync(member, "/usage");

        var owner = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(owner);
        await BrowserFixture.OpenAsync(owner, "/settings/members");
        await owner.GetByTestId("members-table").Locator("tr", new() { HasText = Member }).GetByTestId("member-role").ClickAsync();
        await owner.Locator(".mud-popover-open").GetByText("Viewer", new() { Exact = true }).ClickAsync();
        await Expect(owner.GetByText($"{Member} is now Viewer.")).ToBeVisibleAsync();

        // The open page checks its sign-in every 10 seconds.
        var notice = member.GetByTestId("signed-out-notice");
        await Expect(notice).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(notice).ToHaveTextAsync("An admin changed your role in Test Co from Finance to Viewer: sign in again to continue.");
        Assert.Contains("/Account/Login", member.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(member, "signed-out-role-changed");

        await member.ReloadAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(member.GetByTestId("signed-out-notice")).ToHaveCountAsync(0);
        await BrowserFixture.OpenAsync(owner, "/usage");
        await Expect(owner.GetByTestId("user-menu")).ToBeVisibleAsync();
    }

    private async Task AddFinanceMemberAsync()
    {
        using (var session = new BrowserlessSession(fixture.App.BaseAddress))
        {
            await session.RegisterAsync("Analyst Co", Member, MemberPassword);
        }

        await using var connection = new SqliteConnection($"Data Source={fixture.App.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            PRAGMA busy_timeout=10000;
            INSERT INTO AccountMembers (AccountId, UserId, Role, JoinedAt)
            SELECT 1, Id, 'Finance', '2026-01-01 00:00:00' FROM AspNetUsers WHERE Email = '{Member}';
            UPDATE AspNetUsers SET ActiveAccountId = 1 WHERE Email = '{Member}';
            """;
        await command.ExecuteNonQueryAsync();
    }
}
