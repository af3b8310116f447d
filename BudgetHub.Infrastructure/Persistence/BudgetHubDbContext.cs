using System.Linq.Expressions;
using System.Reflection;
using BudgetHub.Infrastructure.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// The one database of the monolith. A context is either scoped to one account (it sees and saves
/// only that account's rows) or a system context for start-up, sign-up and background jobs.
/// </summary>
/// <remarks>On PostgreSQL the instances are <see cref="PostgresBudgetHubDbContext"/>, which has its own migrations.</remarks>
public class BudgetHubDbContext(DbContextOptions<BudgetHubDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountMember> AccountMembers => Set<AccountMember>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<WebhookSource> WebhookSources => Set<WebhookSource>();
    internal DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<Usage.Bot> Bots => Set<Usage.Bot>();
    public DbSet<Usage.UsageEventRecord> UsageEvents => Set<Usage.UsageEventRecord>();
    public DbSet<Usage.ConversationRecord> Conversations => Set<Usage.ConversationRecord>();
    public DbSet<Usage.UsageCounterRow> UsageCounters => Set<Usage.UsageCounterRow>();
    public DbSet<Metering.MeterCheckpoint> MeterCheckpoints => Set<Metering.MeterCheckpoint>();
    public DbSet<Usage.ModelPrice> ModelPrices => Set<Usage.ModelPrice>();
    public DbSet<Budgets.PolicyRecord> Policies => Set<Budgets.PolicyRecord>();
    public DbSet<Budgets.PolicyAuditEntry> PolicyAudit => Set<Budgets.PolicyAuditEntry>();
    public DbSet<Enforcement.BlockRecord> Blocks => Set<Enforcement.BlockRecord>();
    public DbSet<Enforcement.EnforcementLogRow> EnforcementLog => Set<Enforcement.EnforcementLogRow>();
    public DbSet<Notifications.AlertRecord> Alerts => Set<Notifications.AlertRecord>();
    public DbSet<Notifications.OutboxMessage> Outbox => Set<Notifications.OutboxMessage>();
    public DbSet<Notifications.InAppNotification> Notifications => Set<Notifications.InAppNotification>();
    public DbSet<Notifications.NotificationPreference> NotificationPreferences => Set<Notifications.NotificationPreference>();
    public DbSet<Notifications.DigestSubscription> DigestSubscriptions => Set<Notifications.DigestSubscription>();

    /// <summary>The account this context is scoped to; null for a system context.</summary>
    public long? CurrentAccountId { get; private set; }

    /// <summary>A system context may write rows of any account (start-up, sign-up, jobs).</summary>
    public bool IsSystem { get; private set; }

    internal BudgetHubDbContext ForAccount(long accountId)
    {
        CurrentAccountId = accountId;
        IsSystem = false;
        return this;
    }

    internal BudgetHubDbContext AsSystem()
    {
        CurrentAccountId = null;
        IsSystem = true;
        return this;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BudgetHubDbContext).Assembly);

        var filter = typeof(BudgetHubDbContext).GetMethod(nameof(FilterByAccount), BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IAccountOwned).IsAssignableFrom(e.ClrType)))
        {
            filter.MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }
    }

    private void FilterByAccount<T>(ModelBuilder builder) where T : class, IAccountOwned
    {
        Expression<Func<T, bool>> sameAccount = row => row.AccountId == CurrentAccountId;
        builder.Entity<T>().HasQueryFilter(sameAccount);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAccountOwnership();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAccountOwnership();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardAccountOwnership()
    {
        foreach (var entry in ChangeTracker.Entries<IAccountOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached || IsSystem)
            {
                continue;
            }

            if (entry.State == EntityState.Added && entry.Entity.AccountId == 0 && CurrentAccountId is { } current)
            {
                entry.Entity.AccountId = current;
            }

            if (CurrentAccountId is null || entry.Entity.AccountId != CurrentAccountId)
            {
                throw new CrossAccountWriteException(entry.Metadata.ClrType.Name);
            }
        }
    }
}

/// <summary>Thrown when a context scoped to one account is asked to write another account's row.</summary>
public sealed class CrossAccountWriteException(string entity)
    : InvalidOperationException($"Refused to save a {entity} that belongs to another account.");
