using System.Data.Common;
using BudgetHub.Infrastructure.Metering;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BudgetHub.Infrastructure.Persistence;

public static class PersistenceModule
{
    public const string ConnectionStringName = "BudgetHub";
    public const string DefaultConnectionString = "Data Source=data/budgethub.db";

    public static IServiceCollection AddPersistenceModule(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ProviderOf(configuration);
        services.AddSingleton<AccountDb>();
        services.AddSingleton<InstanceLock>();
        if (provider == StorageProvider.Postgres)
        {
            var connectionString = PostgresConnectionString(configuration);
            services.AddSingleton(new DatabaseLocation(connectionString, StorageProvider.Postgres));
            services.AddDbContextFactory<BudgetHubDbContext, PostgresContextFactory>(options => options.UseNpgsql(connectionString));
            services.AddSingleton<IMeterConnections, NpgsqlMeterConnections>();
            return services;
        }

        SqliteEngine.Configure();
        var sqlite = SqliteConnectionString(configuration);
        services.AddSingleton(new DatabaseLocation(sqlite));
        services.AddDbContextFactory<BudgetHubDbContext>(options => options
            .UseSqlite(sqlite)
            .AddInterceptors(new SqlitePragmas()));
        services.AddSingleton<WalCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        services.AddSingleton<IMeterConnections, SqliteMeterConnections>();
        return services;
    }

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public static StorageProvider ProviderOf(IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"];
        return string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) ? StorageProvider.Sqlite
            : provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) ? StorageProvider.Postgres
            : throw new NotSupportedException($"Storage:Provider '{provider}' is not known; use 'Sqlite' (the default) or 'Postgres'.");
    }

    /// <summary>The configured PostgreSQL connection string; there is no default database to fall back to.</summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(configured) || configured.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "Storage:Provider is 'Postgres': set ConnectionStrings:BudgetHub to a PostgreSQL connection string (Host=...;Database=...;Username=...).");
        }

        return new NpgsqlConnectionStringBuilder(configured).ToString();
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

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the database lives, for code that opens its own connection (the ingestion writer).</summary>
public sealed record DatabaseLocation(string ConnectionString, StorageProvider Provider = StorageProvider.Sqlite)
{
    /// <summary>An open connection of its own, set up as EF Core's are (SQLite's pragmas).</summary>
    internal DbConnection Open()
    {
        if (Provider == StorageProvider.Postgres)
        {
            var postgres = new NpgsqlConnection(ConnectionString);
            postgres.Open();
            return postgres;
        }

        var sqlite = new SqliteConnection(ConnectionString);
        sqlite.Open();
        SqlitePragmas.Apply(sqlite);
        return sqlite;
    }
}
