using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// Creates one short-lived context per operation (a Blazor circuit lives far longer than a
/// unit of work), scoped to an account or, explicitly, to the whole system.
/// </summary>
public sealed class AccountDb(IDbContextFactory<BudgetHubDbContext> factory)
{
    public BudgetHubDbContext For(long accountId) => factory.CreateDbContext().ForAccount(accountId);

    public BudgetHubDbContext System() => factory.CreateDbContext().AsSystem();
}
