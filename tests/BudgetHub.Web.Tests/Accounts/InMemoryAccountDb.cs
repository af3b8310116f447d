using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BudgetHub.Web.Tests.Accounts;

/// <summary>A SQLite database in memory with one account, living as long as the test.</summary>
internal sealed class InMemoryAccountDb : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public InMemoryAccountDb()
    {
        _connection.Open();
        var options = new DbContextOptionsBuilder<BudgetHubDbContext>().UseSqlite(_connection).Options;
        Db = new AccountDb(new PooledDbContextFactory<BudgetHubDbContext>(options));
        using var context = Db.System();
        context.Database.EnsureCreated();
        var account = new Account { Name = "Test Co" };
        context.Add(account);
        context.SaveChanges();
        AccountId = account.Id;
    }

    public AccountDb Db { get; }

    public long AccountId { get; }

    public void Dispose() => _connection.Dispose();
}
