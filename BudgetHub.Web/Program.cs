using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Jobs;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Infrastructure.Retention;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components;
using BudgetHub.Web.Components.Account;
using BudgetHub.Web.Features.Accounts;
using BudgetHub.Web.Features.Bots;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Features.Enforcement;
using BudgetHub.Web.Features.Notifications;
using BudgetHub.Web.Features.Retention;
using BudgetHub.Web.Features.Usage;
using BudgetHub.Web.Hosting;
using BudgetHub.Web.Live;
using Hangfire;

var builder = WebApplication.CreateBuilder(args);
builder.AddRootDevelopmentSettings();

builder.Services
    .AddPersistenceModule(builder.Configuration)
    .AddAccountsModule(builder.Configuration)
    .AddUsageModule()
    .AddBudgetsModule()
    .AddEnforcementModule()
    .AddNotificationsModule(builder.Configuration)
    .AddRetentionModule()
    .AddJobsModule(builder.Configuration)
    .AddWebShell()
    .AddIdentityAndSignIn()
    .AddAccountsWeb()
    .AddHotApiAccess()
    .AddStartupWorkers(builder.Configuration);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseErrorPagesAndProblems();
app.UseApiBodyLimit();
// Routing comes after the error handling and body limit, which the short-circuited hot endpoints need too.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseHangfireDashboardGate();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapHub<LiveHub>("/hubs/live", options => options.CloseOnAuthenticationExpiration = true);
// Authorization = []: the operator check replaces Hangfire's default, which admits local requests only.
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AsyncAuthorization = [new HangfireDashboardAuthorization()], DisplayStorageConnectionString = false });
app.MapOpenApi("/openapi/{documentName}.json");
app.MapHealthEndpoint();

app.MapHotApi()
    .MapUsageEventsEndpoint()
    .MapEnforcementCheck()
    .MapWebhookEndpoint();

var api = app.MapApiGroup();
api.MapAccountsEndpoints();
api.MapUsageSummaryEndpoint();
api.MapBotsEndpoints();
api.MapBotBudgetEndpoints();
api.MapPoliciesEndpoints();
api.MapEnforcementEndpoints();
api.MapAlertsEndpoints();
api.MapRetentionEndpoints();

await app.InitializeAsync();
await app.RunAsync();

/// <summary>The entry point; public so the integration tests can find the assembly.</summary>
public partial class Program;
