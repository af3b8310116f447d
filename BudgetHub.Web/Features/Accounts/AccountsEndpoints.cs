using System.ComponentModel;
using System.Security.Claims;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Accounts;

internal static class AccountsEndpoints
{
    public static IServiceCollection AddAccountsWeb(this IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Identity.IEmailSender<ApplicationUser>, Components.Account.IdentityEmailSender>();

    public static RouteGroupBuilder MapAccountsEndpoints(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Accounts");
        account.MapGet("/", GetAccount).WithName("GetAccount").ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Member);
        account.MapPut("/", UpdateAccount).WithName("UpdateAccount").RequireAuthorization(Policies.ManageAccount)
            .WithSummary("Renames the account or changes its time zone (an IANA id); a field left out is unchanged.")
            .AcceptsJsonBody<UpdateAccountRequest>().Produces<AccountResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        account.MapGet("/webhook-secret", GetWebhookSecret).WithName("GetOutgoingWebhookSecret").RequireAuthorization(Policies.ManageAccount)
            .WithSummary("The secret that signs the account's outgoing webhooks (Standard Webhooks), created on first request: verify webhook-signature with it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        account.MapPost("/webhook-secret", RotateWebhookSecret).WithName("RotateOutgoingWebhookSecret").RequireAuthorization(Policies.ManageAccount)
            .WithSummary("Replaces the outgoing webhooks' signing secret: webhooks sent from now on are signed with the new one only, so update every receiver.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> UpdateAccount(HttpContext context, ClaimsPrincipal user, MembershipService memberships, CancellationToken ct)
    {
        var (request, problem) = await StrictJsonBody.ReadAsync<UpdateAccountRequest>(context, "the account");
        if (request is null)
        {
            return problem!;
        }

        var accountId = user.GetAccountId();
        var errors = new Dictionary<string, string[]>();
        if (request.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength))
        {
            errors["name"] = [$"1 to {MaxNameLength} characters."];
        }

        if (request.TimeZone is { } zone && !IsIanaZone(zone))
        {
            errors["timeZone"] = ["An IANA time zone id, such as Europe/Paris, America/New_York or UTC."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Nothing was changed: fix the fields below.");
        }

        if (await memberships.GetAccountAsync(accountId, ct) is not { } account)
        {
            return TypedResults.NotFound();
        }

        var updated = new AccountResponse(request.Name?.Trim() ?? account.Name, request.TimeZone ?? account.TimeZone, user.FindRole()?.ToString() ?? "");
        await memberships.UpdateAccountAsync(accountId, updated.Name, updated.TimeZone, ct);
        return TypedResults.Ok(updated);
    }

    public const int MaxNameLength = 100;

    /// <summary>The zones the Settings page offers: IANA ids (with a slash) and UTC, not the system's aliases.</summary>
    public static readonly string[] TimeZones = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal).ToArray();

    public static bool IsIanaZone(string id) => Array.BinarySearch(TimeZones, id, StringComparer.Ordinal) >= 0;

    /// <summary>Strict: a misspelled field ("timezone" is fine, "time_zone" is not) is an error, not a save that changes nothing.</summary>
    [System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
    internal sealed record UpdateAccountRequest(
        [property: Description("The account's new name; left out or null: unchanged.")] string? Name = null,
        [property: Description("An IANA time zone id (Europe/Paris, UTC); left out or null: unchanged.")] string? TimeZone = null);

    /// <summary>The caller's account and role: a quick way to check that a key works.</summary>
    private static async Task<Results<Ok<AccountResponse>, NotFound>> GetAccount(ClaimsPrincipal user, MembershipService memberships, CancellationToken ct)
    {
        var account = await memberships.GetAccountAsync(user.GetAccountId(), ct);
        return account is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new AccountResponse(account.Name, account.TimeZone, user.FindRole()?.ToString() ?? ""));
    }

    internal sealed record AccountResponse(string Name, string TimeZone, string Role);

    private static async Task<Ok<WebhookSecretResponse>> GetWebhookSecret(ClaimsPrincipal user, OutgoingWebhookSecret secrets, CancellationToken ct) =>
        TypedResults.Ok(new WebhookSecretResponse(await secrets.GetOrCreateAsync(user.GetAccountId(), ct)));

    private static async Task<Ok<WebhookSecretResponse>> RotateWebhookSecret(ClaimsPrincipal user, OutgoingWebhookSecret secrets, CancellationToken ct) =>
        TypedResults.Ok(new WebhookSecretResponse(await secrets.RotateAsync(user.GetAccountId(), ct)));

    /// <param name="Secret">whsec_ and the base64 of the key bytes, as Standard Webhooks libraries take it.</param>
    internal sealed record WebhookSecretResponse([property: Description("whsec_ and the base64 of the HMAC-SHA256 key, as Standard Webhooks libraries take it.")] string Secret);
}
