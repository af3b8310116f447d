using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Persistence;

public static class PersistenceModule
{
    public const string ConnectionStringName = "BudgetHub";
    public const string DefaultConnectionString = "Data Source=data/budgethub.db";

    public static IServiceCollection AddPersistenceModule(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException(
                $"Storage:Provider '{provider}' is not available in this build; use 'Sqlite'. " +
                "PostgreSQL is the planned scale-out option (EF Core + Hangfire storage).");
        }

        SqliteEngine.Configure();
        var connectionString = SqliteConnectionString(configuration);
        services.AddSingleton(new DatabaseLocation(connectionString));
        services.AddDbContextFactory<BudgetHubDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas()));
        services.AddSingleton<AccountDb>();
        services.AddSingleton<WalCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        return services;
    }

    /// <summary>The configured SQLite connection string, with its folder created.</summary>
    public static string SqliteConnectionString(IConfiguration configuration)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}

/// <summary>Where the database lives, for code that opens its own connection (the ingestion writer).</summary>
public sealed record DatabaseLocation(string ConnectionString);
