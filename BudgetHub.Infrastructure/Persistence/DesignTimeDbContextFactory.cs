using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BudgetHubDbContext>
{
    public BudgetHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BudgetHubDbContext>().UseSqlite(PersistenceModule.DefaultConnectionString).Options);
}

/// <summary>
/// The same for PostgreSQL's migrations:
/// <c>dotnet ef migrations add Name --context PostgresBudgetHubDbContext --output-dir Persistence/PostgresMigrations</c>.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresBudgetHubDbContext>
{
    public PostgresBudgetHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BudgetHubDbContext>().UseNpgsql("Host=localhost;Database=budgethub").Options);
}
