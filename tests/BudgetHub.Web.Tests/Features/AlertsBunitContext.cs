using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Hosting;
using BudgetHub.Web.Live;
using BudgetHub.Web.Tests.Accounts;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Features;

/// <summary>
/// Components that list alerts: one account in SQLite in memory with its alert services, live updates
/// that really flow, and a member signed in with the role a test gives.
/// </summary>
public abstract class AlertsBunitContext : MudBunitContext
{
    public static readonly DateTime Today = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private readonly InMemoryAccountDb _database = new();

    protected AlertsBunitContext()
    {
        Services.AddLogging();
        Services.AddSignalR();
        Services.AddSingleton<LiveNotifier>();
        Services.AddSingleton<ILiveUpdates>(sp => sp.GetRequiredService<LiveNotifier>());
        Services.AddSingleton(_database.Db);
        Services.AddSingleton<AlertService>();
        Services.AddSingleton<NotificationInbox>();
        Services.AddSingleton<DeliveryStatus>();
        Services.AddSingleton(new UsageQueries(_database.Db, UnusedMeter.Create()));
    }

    protected long AccountId => _database.AccountId;

    protected AccountDb Db => _database.Db;

    /// <summary>Signs a member in: a Finance member (or higher) may acknowledge alerts, a Viewer may only read them.</summary>
    protected void SignIn(MemberRole role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("member@example.com");
        authorization.SetRoles(role.ToString());
        authorization.SetPolicies(role == MemberRole.Viewer ? [Policies.Member] : [Policies.Member, Policies.ManageBudgets]);
        authorization.SetClaims(
            new Claim(AccountClaims.AccountId, AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, "member-1"));
    }

    /// <summary>Renders as in a circuit, where components subscribe to live updates; every service is registered by now.</summary>
    protected IRenderedComponent<T> RenderInteractive<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters);
    }

    /// <inheritdoc cref="RenderInteractive{T}"/>
    protected IRenderedComponent<ContainerFragment> RenderInteractive(RenderFragment fragment)
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(fragment);
    }

    /// <summary>Starts the live-update loop, as the app does, so that a published change reaches the rendered component.</summary>
    protected Task StartLiveUpdatesAsync() => Services.GetRequiredService<LiveNotifier>().StartAsync(CancellationToken.None);

    protected void PublishAlertChange() => Services.GetRequiredService<ILiveUpdates>().Publish(AccountId, LiveTopics.Alert);

    protected async Task<long> AddPolicyAsync(string name, ScopeType scope, string key)
    {
        await using var context = _database.Db.For(AccountId);
        var policy = new PolicyRecord { AccountId = AccountId, Name = name, ScopeType = scope, ScopeKey = key, Metric = Domain.Usage.Metric.Cost, Limit = 500_000, WindowUnit = "day" };
        context.Policies.Add(policy);
        await context.SaveChangesAsync();
        return policy.Id;
    }

    /// <summary>A daily cost alert of $0.40 of $0.50 (80%) raised for <paramref name="scopeKey"/>, through an event of <paramref name="bot"/>.</summary>
    protected async Task<AlertRecord> AddAlertAsync(long policyId, string policyName, ScopeType scope, string scopeKey, string? bot,
        int threshold = 80, string? user = null, bool acknowledged = false, DateTime? resolvedAt = null)
    {
        await using var context = _database.Db.For(AccountId);
        var alert = new AlertRecord
        {
            AccountId = AccountId, PolicyId = policyId, PolicyName = policyName, Kind = AlertKind.Threshold, ScopeType = scope, ScopeKey = scopeKey,
            BotKey = bot, UserId = user, Metric = "cost", Window = "day", WindowStart = Today, WindowEnd = Today.AddDays(1), Threshold = threshold,
            Severity = SeverityRules.ForThreshold(threshold), Value = 5_000 * threshold, Limit = 500_000, CreatedAt = Today.AddHours(9),
            AcknowledgedAt = acknowledged ? Today.AddHours(10) : null, AcknowledgedBy = acknowledged ? "someone@example.com" : null, ResolvedAt = resolvedAt,
        };
        context.Alerts.Add(alert);
        await context.SaveChangesAsync();
        return alert;
    }

    protected async Task<bool> IsAcknowledgedAsync(long alertId)
    {
        await using var context = _database.Db.For(AccountId);
        return await context.Alerts.AnyAsync(a => a.Id == alertId && a.AcknowledgedAt != null);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database.Dispose();
    }
}
