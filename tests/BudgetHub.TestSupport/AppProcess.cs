using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace BudgetHub.TestSupport;

/// <summary>
/// The real BudgetHub app as a separate process on 127.0.0.1 with its own SQLite file, started
/// from the web project's build output. It can be killed hard (SIGKILL) and started again on the
/// same database.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminEmail = "owner@example.com";
    public const string AdminPassword = "correct horse battery";
    public const string ApiKey = "bh_test_0123456789abcdefghijklmnopqrstuv";
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly Dictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private AppProcess(string dataDirectory, int port, Dictionary<string, string> environment)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _environment = environment;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string DatabasePath => Path.Combine(DataDirectory, "budgethub.db");

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts a fresh app: a new temp folder, a free port, the bootstrap account, no demo data.</summary>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string>? settings = null)
    {
        var data = Directory.CreateTempSubdirectory("budgethub-test-").FullName;
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__BudgetHub"] = $"Data Source={Path.Combine(data, "budgethub.db")}",
            ["Bootstrap__AccountName"] = "Test Co",
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["Bootstrap__ApiKey"] = ApiKey,
            ["Bootstrap__WebhookSecret"] = WebhookSecret,
            ["Bootstrap__DemoData"] = "false",
            ["Demo__Simulator"] = "false",
            ["Email__PickupDirectory"] = Path.Combine(data, "mail"),
            ["Email__Smtp__Host"] = "",
            ["Notifications__RetryBaseSeconds"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(data, port, environment);
        try
        {
            await app.LaunchAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public HttpClient CreateClient(string? apiKey = ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>The app's threads, by name, with their Linux nice values (read from /proc).</summary>
    public IReadOnlyList<(string Name, int Nice)> Threads()
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("The app is not running.");
        return Directory.GetDirectories($"/proc/{pid}/task").Select(task =>
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            // After the name in parentheses: the state is field 3 and the nice value field 19.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'), int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
    }

    /// <summary>Whether the app may raise a thread's priority: CAP_SYS_NICE (capability 23) in its effective set.</summary>
    public bool CanRaisePriority()
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("The app is not running.");
        var effective = File.ReadLines($"/proc/{pid}/status").Single(line => line.StartsWith("CapEff:", StringComparison.Ordinal));
        return (ulong.Parse(effective["CapEff:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << 23)) != 0;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a crash looks like.</summary>
    public void KillHard()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <param name="whileStopped">Done between the kill and the start: a change to the database that the app does not see made.</param>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        KillHard();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var dll = Path.Combine(Paths.WebAppDirectory, "BudgetHub.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the web app first: {dll} is missing.");
        }

        var start = new ProcessStartInfo("dotnet", [dll, "--contentRoot", Paths.WebAppDirectory])
        {
            WorkingDirectory = DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
                }

                try
                {
                    return (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or too busy starting to answer within the client's timeout: ask again.
                    return false;
                }
            }, "the app to report healthy", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}App output:{Environment.NewLine}{Output}", ex);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
