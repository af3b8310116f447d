using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BudgetHubDbContext>
{
    public BudgetHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BudgetHubDbContext>().UseSqlite(PersistenceModule.DefaultConnectionString).Options);
}
