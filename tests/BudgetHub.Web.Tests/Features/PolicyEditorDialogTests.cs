using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Hosting;
using BudgetHub.Web.Tests.Metering;
using Bunit.Rendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BudgetHub.Web.Tests.Features;

/// <summary>Saving from the budget editor, on the real policy store: once per save, and ready again after a refusal.</summary>
public sealed class PolicyEditorDialogTests : MudBunitContext
{
    private const string Save = "[data-testid=policy-save]";
    private static readonly PolicyInput TeamBudget = new() { Name = "Support budget", Metric = Metric.Tokens, Limit = 1000, WindowUnit = "day" };
    private readonly SlowRoleCheck _roleCheck = new();

    [Fact]
    public async Task Save_ClickedThenEnteredWhileTheRoleIsChecked_SavesOnce()
    {
        await using var meter = await MeterHarness.StartAsync(DateTimeOffset.UtcNow);
        var existing = await meter.CreatePolicyAsync(TeamBudget);
        var (cut, result) = await OpenAsync(meter, existing);
        cut.Find("input[data-testid=policy-name]").Input("Support budget, daily");

        _roleCheck.Hold();
        var click = cut.Find(Save).ClickAsync(new MouseEventArgs());
        var enter = cut.Find("form").SubmitAsync();
        _roleCheck.Answer();
        await Task.WhenAll(click, enter);

        Assert.Equal("Support budget, daily", (await result.WaitAsync(TimeSpan.FromSeconds(10)))?.Name);
        Assert.Single(await meter.Policies.HistoryAsync(meter.AccountId, existing.Id), entry => entry.Change == "updated");
    }

    [Fact]
    public async Task Save_RefusedForTheRole_LeavesTheButtonReady_ForTheSaveThatIsThenAllowed()
    {
        await using var meter = await MeterHarness.StartAsync(DateTimeOffset.UtcNow);
        var existing = await meter.CreatePolicyAsync(TeamBudget);
        var (cut, result) = await OpenAsync(meter, existing);

        _roleCheck.Allows = false;
        await cut.Find(Save).ClickAsync(new MouseEventArgs());
        Assert.False(cut.Find(Save).HasAttribute("disabled"));
        cut.WaitForAssertion(() => Assert.Contains("Your role in this account does not allow this change.", cut.Markup, StringComparison.Ordinal));

        _roleCheck.Allows = true;
        await cut.Find(Save).ClickAsync(new MouseEventArgs());
        Assert.NotNull(await result.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Save_RefusedByTheStore_ShowsWhy_AndSavesTheCorrection()
    {
        await using var meter = await MeterHarness.StartAsync(DateTimeOffset.UtcNow);
        var existing = await meter.CreatePolicyAsync(TeamBudget);
        var (cut, result) = await OpenAsync(meter, existing);
        await meter.CreatePolicyAsync(TeamBudget with { Name = "Ops budget" }); // by someone else, after the dialog opened

        cut.Find("input[data-testid=policy-name]").Input("Ops budget");
        await cut.Find(Save).ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains("Ops budget", cut.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.False(cut.Find(Save).HasAttribute("disabled"));

        cut.Find("input[data-testid=policy-name]").Input("Support budget, daily");
        await cut.Find(Save).ClickAsync(new MouseEventArgs());
        Assert.Equal("Support budget, daily", (await result.WaitAsync(TimeSpan.FromSeconds(10)))?.Name);
    }

    /// <summary>Opens the editor for <paramref name="existing"/> as a Finance member would.</summary>
    /// <returns>The rendered dialog, and what it will close with.</returns>
    private async Task<(IRenderedComponent<ContainerFragment> Cut, Task<PolicyRecord?> Result)> OpenAsync(MeterHarness meter, PolicyRecord existing)
    {
        Services.AddSingleton(meter.Policies);
        Services.AddSingleton(meter.Service<BotService>());
        Services.AddSingleton(meter.Usage);
        Services.AddSingleton(meter.Meter);
        var authorization = AddAuthorization();
        authorization.SetAuthorized("finance@example.com");
        authorization.SetRoles("Finance");
        authorization.SetClaims(
            new Claim(AccountClaims.AccountId, meter.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, "finance-1"));
        Services.AddSingleton<IAuthorizationService>(_roleCheck);
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
        });
        var dialogs = Services.GetRequiredService<IDialogService>();
        Task<PolicyRecord?> result = null!;
        // Not awaited here: the task ends when the dialog closes.
        await cut.InvokeAsync(() => { result = PolicyEditorDialog.ShowAsync(dialogs, PolicyPreset.Budget, existing); });
        cut.WaitForElement(Save);
        return (cut, result);
    }

    /// <summary>The role check before a save, which may take a moment (held until answered) and may refuse.</summary>
    private sealed class SlowRoleCheck : IAuthorizationService
    {
        private TaskCompletionSource? _held;

        public bool Allows { get; set; } = true;

        public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Answer() => _held?.TrySetResult();

        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, IEnumerable<IAuthorizationRequirement> requirements) => AnswerAsync();

        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, string policyName) => AnswerAsync();

        private async Task<AuthorizationResult> AnswerAsync()
        {
            if (_held is { } held)
            {
                await held.Task;
            }

            return Allows ? AuthorizationResult.Success() : AuthorizationResult.Failed();
        }
    }
}
