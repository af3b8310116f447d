using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// The same model on PostgreSQL, with migrations of its own (Persistence/PostgresMigrations). Names are
/// lower case, so the hand-written SQL that both providers share names tables and columns unquoted.
/// </summary>
internal sealed class PostgresBudgetHubDbContext(DbContextOptions<BudgetHubDbContext> options) : BudgetHubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            entity.SetTableName(entity.GetTableName()!.ToLowerInvariant());
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(property.GetColumnName().ToLowerInvariant());
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(key.GetName()!.ToLowerInvariant());
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(foreignKey.GetConstraintName()!.ToLowerInvariant());
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(index.GetDatabaseName()!.ToLowerInvariant());
            }
        }
    }
}

/// <summary>Makes every <see cref="BudgetHubDbContext"/> a <see cref="PostgresBudgetHubDbContext"/>.</summary>
internal sealed class PostgresContextFactory(DbContextOptions<BudgetHubDbContext> options) : IDbContextFactory<BudgetHubDbContext>
{
    public BudgetHubDbContext CreateDbContext() => new PostgresBudgetHubDbContext(options);
}
