using System.Text.RegularExpressions;

namespace BudgetHub.E2E;

/// <summary>Inviting from Settings → Members.</summary>
public sealed partial class InvitationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2} \S+$")]
    private static partial Regex LocalExpiry();

    [Fact]
    public async Task Invite_ByEnter_ClearsTheEmailField_WithoutAnError_AndListsItWithALocalExpiry()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/members");

        await page.GetByTestId("invite-email").FillAsync("new.colleague@example.com");
        await page.GetByTestId("invite-email").PressAsync("Enter");

        await Expect(page.GetByTestId("invite-link")).ToBeVisibleAsync();
        var pending = page.GetByTestId("pending-invitation").Filter(new() { HasText = "new.colleague@example.com" });
        await Expect(pending).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("invite-email")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("invite-email")).ToBeFocusedAsync();
        await Expect(page.GetByText("Enter a valid email address.")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Enter their email address.")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-input-error")).ToHaveCountAsync(0);

        await Expect(pending.GetByTestId("invitation-expires")).ToHaveTextAsync(LocalExpiry());
        await BrowserFixture.ScreenshotAsync(page, "members-after-invite");
    }

    [Fact]
    public async Task RevokingAnInvitation_AsksFirst()
    {
        var email = $"revoke-{Guid.NewGuid():N}"[..16] + "@example.com";
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/members");
        await page.GetByTestId("invite-email").FillAsync(email);
        await page.GetByTestId("invite-email").PressAsync("Enter");
        var pending = page.GetByTestId("pending-invitation").Filter(new() { HasText = email });

        await pending.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(pending).ToHaveCountAsync(1);

        await pending.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.GetByTestId("confirm-action").ClickAsync();
        await Expect(pending).ToHaveCountAsync(0);
    }
}
