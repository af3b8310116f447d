namespace BudgetHub.E2E;

/// <summary>Settings → Members: the only Owner can be neither removed nor demoted, and the page says so before anyone confirms anything.</summary>
public sealed class LastOwnerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SecondOwner = "co-lead@example.org";

    private static ILocator RowOf(IPage page, string email) => page.GetByTestId("members-table").Locator("tr", new() { HasText = email });

    [Fact]
    public async Task TheOnlyOwner_HasRemoveAndRoleDisabled_WithATooltipSayingWhy_AndNoConfirmationOpens()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/members");
        var owner = RowOf(page, AppProcess.AdminEmail);

        var remove = owner.GetByTestId("member-remove");
        await Expect(remove).ToBeDisabledAsync();
        await remove.HoverAsync(new() { Force = true });
        await Expect(page.GetByText("The only Owner can't be removed: an account needs at least one Owner. Make someone else Owner first.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "members-last-owner-remove");
        await remove.ClickAsync(new() { Force = true });
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await Expect(owner.GetByRole(AriaRole.Combobox)).ToHaveAttributeAsync("aria-disabled", "true");
        await owner.GetByRole(AriaRole.Combobox).HoverAsync(new() { Force = true });
        await Expect(page.GetByText("The only Owner keeps this role: an account needs at least one Owner. Make someone else Owner first.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "members-last-owner-role");
    }

    [Fact]
    public async Task WithTwoOwners_EitherCanBeChanged_AndTheServerStillRefusesToRemoveTheLastOwnerFromAStaleList()
    {
        using (var session = new BrowserlessSession(fixture.App.BaseAddress))
        {
            await session.RegisterAsync("Second Co", SecondOwner, "second owner password");
        }

        await fixture.ExecuteSqlAsync($"""
            INSERT INTO AccountMembers (AccountId, UserId, Role, JoinedAt)
            SELECT 1, Id, 'Owner', '2026-01-01 00:00:00' FROM AspNetUsers WHERE Email = '{SecondOwner}';
            """);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/members");
        await Expect(RowOf(page, SecondOwner).GetByTestId("member-remove")).ToBeEnabledAsync();
        await Expect(RowOf(page, AppProcess.AdminEmail).GetByTestId("member-remove")).ToBeEnabledAsync();

        // Someone else makes the second owner an Admin while this page still shows two Owners.
        await fixture.ExecuteSqlAsync($"UPDATE AccountMembers SET Role = 'Admin' WHERE AccountId = 1 AND UserId = (SELECT Id FROM AspNetUsers WHERE Email = '{SecondOwner}');");
        await RowOf(page, AppProcess.AdminEmail).GetByTestId("member-remove").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

        await Expect(page.GetByText("An account needs at least one Owner: make someone else Owner first.")).ToBeVisibleAsync();
        await Expect(RowOf(page, AppProcess.AdminEmail).GetByTestId("member-remove")).ToBeDisabledAsync();
        await Expect(RowOf(page, SecondOwner).GetByTestId("member-remove")).ToBeEnabledAsync();
    }
}
