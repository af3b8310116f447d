using System.Net.Http.Headers;
using System.Net.Http.Json;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Demo;
using BudgetHub.Infrastructure.Metering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// Development only (<c>Demo:Simulator=true</c>): posts a trickle of realistic usage to this app's
/// own ingestion API with the bootstrap key, so the quick start shows a living dashboard. Like a
/// well-behaved bot, it asks the enforcement check first and skips calls that are blocked.
/// </summary>
internal sealed class DemoSimulator(
    Readiness readiness, IServer server, IOptions<BootstrapOptions> bootstrap, TimeProvider clock, ILogger<DemoSimulator> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || string.IsNullOrEmpty(bootstrap.Value.ApiKey))
        {
            logger.LogInformation("Demo simulator off: it needs Bootstrap:ApiKey and a server address");
            return;
        }

        using var http = new HttpClient { BaseAddress = new Uri(address.Replace("//+", "//localhost", StringComparison.Ordinal).Replace("//*", "//localhost", StringComparison.Ordinal).Replace("//[::]", "//localhost", StringComparison.Ordinal)) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bootstrap.Value.ApiKey);
        var random = new Random();
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            var candidates = Enumerable.Range(0, random.Next(1, 4)).Select(_ => DemoWorkload.NextEvent(random, now, $"sim-{Guid.NewGuid():N}"));
            var allowed = new List<UsageEventInput>();
            foreach (var candidate in candidates)
            {
                if (await IsAllowedAsync(http, candidate, stoppingToken))
                {
                    allowed.Add(candidate);
                }
            }

            var events = allowed
                .Select(e => new
                {
                    e.Id, timestamp = e.Timestamp, e.BotId, e.UserId, e.Tier, e.Team, e.Model, e.Provider, e.Category,
                    e.InputTokens, e.CachedInputTokens, e.OutputTokens, e.Messages, e.ConversationId, e.Error,
                })
                .ToList();
            if (events.Count == 0)
            {
                continue;
            }

            try
            {
                using var response = await http.PostAsJsonAsync("/api/v1/usage/events", events, stoppingToken);
                response.EnsureSuccessStatusCode();
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning("Demo simulator could not post: {Message}", ex.Message);
            }
        }
    }

    private async Task<bool> IsAllowedAsync(HttpClient http, UsageEventInput e, CancellationToken ct)
    {
        var query = $"/api/v1/enforcement/check?botId={Uri.EscapeDataString(e.BotId)}"
            + (e.UserId is null ? "" : $"&userId={Uri.EscapeDataString(e.UserId)}")
            + (e.Tier is null ? "" : $"&tier={Uri.EscapeDataString(e.Tier)}");
        try
        {
            using var response = await http.GetAsync(query, ct);
            response.EnsureSuccessStatusCode();
            var check = await response.Content.ReadFromJsonAsync<CheckAnswer>(ct);
            return check?.Allowed ?? true;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Demo simulator could not check: {Message}", ex.Message);
            return false;
        }
    }

    private sealed record CheckAnswer(bool Allowed);
}
