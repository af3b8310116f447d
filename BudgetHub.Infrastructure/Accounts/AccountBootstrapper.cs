using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>
/// On an empty database, creates the first account from the <c>Bootstrap:*</c> keys: its Owner,
/// an API key and the <c>default</c> webhook source, with exactly the configured values.
/// </summary>
public sealed class AccountBootstrapper(
    IOptions<BootstrapOptions> options,
    Persistence.AccountDb db,
    UserManager<ApplicationUser> users,
    MembershipService memberships,
    ApiKeyService apiKeys,
    WebhookSourceService webhookSources,
    ILogger<AccountBootstrapper> logger)
{
    public const string DefaultSourceId = "default";

    /// <returns>The new account's id, or null when the database already had accounts or nothing is configured.</returns>
    public async Task<long?> RunAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return null;
        }

        await using (var context = db.System())
        {
            if (await context.Accounts.AnyAsync(ct))
            {
                return null;
            }
        }

        var user = new ApplicationUser { UserName = settings.AdminEmail, Email = settings.AdminEmail, EmailConfirmed = true, DisplayName = "Admin" };
        var created = await users.CreateAsync(user, settings.AdminPassword!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Bootstrap admin could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var account = await memberships.CreateAccountAsync(settings.AccountName ?? "My company", user, ct);
        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            await apiKeys.CreateAsync(account.Id, "Bootstrap key", settings.AdminEmail!, settings.ApiKey, ct);
        }

        await webhookSources.CreateAsync(account.Id, "Default source", DefaultSourceId, settings.WebhookSecret ?? Secrets.NewWebhookSecret(), ct);
        logger.LogInformation("Bootstrapped account {Account} with owner {Email}", account.Name, settings.AdminEmail);
        return account.Id;
    }
}
