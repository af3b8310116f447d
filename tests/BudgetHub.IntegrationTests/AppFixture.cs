using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace BudgetHub.IntegrationTests;

/// <summary>One running app per test class (xunit class fixture).</summary>
public class AppFixture : IAsyncLifetime
{
    public AppProcess App { get; private set; } = default!;

    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync() => App = await AppProcess.StartAsync(Settings);

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Helpers the tests share: JSON in and out, and reading the real database file.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> JsonOf(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, Json);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, contentType));

    public static object Event(string id, string bot = "support-bot", long input = 100, long output = 0, string? user = null, string? tier = null,
        string? team = null, string? model = null, string? conversation = null, decimal? cost = null) =>
        new { id, botId = bot, inputTokens = input, outputTokens = output, userId = user, tier, team, model, conversationId = conversation, costUsd = cost };

    public static async Task<long> ScalarAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Makes a new user a member of the bootstrap account with the role, then signs them in there.</summary>
    public static async Task<BrowserlessSession> MemberOfBootstrapAccountAsync(this AppProcess app, string email, string role)
    {
        var session = new BrowserlessSession(app.BaseAddress);
        await session.RegisterAsync("Own Co", email, "member password 1");
        await ExecuteAsync(app.DatabasePath, $"""
            INSERT INTO AccountMembers (AccountId, UserId, Role, JoinedAt)
            SELECT 1, Id, '{role}', '2026-01-01 00:00:00' FROM AspNetUsers WHERE Email = '{email}';
            UPDATE AspNetUsers SET ActiveAccountId = 1 WHERE Email = '{email}';
            """);
        await session.SignInAsync(email, "member password 1");
        return session;
    }

    public static async Task<string> CreatePolicyAsync(this HttpClient client, object policy)
    {
        var response = await client.PostJsonAsync("/api/v1/policies", policy);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonOf()).GetProperty("id").GetString()!;
    }
}
