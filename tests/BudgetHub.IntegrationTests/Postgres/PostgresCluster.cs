using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BudgetHub.IntegrationTests.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests of the PostgreSQL provider: initdb into a temp folder,
/// started on a free port in 5440-5449 with its Unix socket in that folder, stopped and deleted at the end.
/// Missing PostgreSQL fails the tests (scripts/test.sh installs Debian's postgresql); nothing is skipped.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string Superuser = "postgres";
    private string _bin = "";
    private int _databases;

    public string Folder { get; private set; } = "";

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Folder, "data");

    public async Task InitializeAsync()
    {
        _bin = Path.GetDirectoryName(FindInitdb())!;
        Folder = Directory.CreateTempSubdirectory("budgethub-pg-").FullName;
        if (IsRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", "postgres", Folder);
        }

        await RunPostgresToolAsync("initdb", "-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-sync");
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>A new, empty database (as an operator creates it for the app), by its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"budgethub_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync(ConnectionString("postgres"), $"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Folder, Port = Port, Database = database, Username = Superuser }.ToString();

    public Task StartAsync() =>
        RunPostgresToolAsync("pg_ctl", "start", "-w", "-D", DataDirectory, "-l", Path.Combine(Folder, "server.log"),
            "-o", $"-p {Port} -k {Folder} -c listen_addresses='' -c fsync=off");

    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", "stop", "-w", "-m", "fast", "-D", DataDirectory);

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The tests' own connections are not pooled: a pooled one would not survive <see cref="StopAsync"/>.</summary>
    private static string Unpooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    public async Task DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunPostgresToolAsync("pg_ctl", "stop", "-w", "-m", "immediate", "-D", DataDirectory);
        }

        if (Folder.Length > 0)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string FindInitdb() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin", "initdb")).Where(File.Exists).OrderDescending().FirstOrDefault()
                ?? throw Missing()
            : throw Missing();

    private static InvalidOperationException Missing() => new(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the PostgreSQL provider's tests need it. " +
        "scripts/test.sh installs Debian's postgresql package; or run: apt-get install postgresql");

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunPostgresToolAsync(string tool, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", Superuser, "--", Path.Combine(_bin, tool), .. arguments]) : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }
    }

    /// <summary>The first port of 5440-5449 that nothing listens on.</summary>
    private static int FreePort()
    {
        foreach (var port in Enumerable.Range(5440, 10))
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("Every port of 5440-5449 is in use.");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
