using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Infrastructure.Demo;

/// <summary>A small, plausible company's AI usage: a few bots, teams, tiers and models, busier in office hours.</summary>
public static class DemoWorkload
{
    private sealed record DemoBot(string Id, string Team, string[] Models, int InputMean, int OutputMean, double ErrorRate);

    private static readonly DemoBot[] Bots =
    [
        new("support-bot", "support", ["gpt-4o-mini", "gpt-4o"], 1800, 350, 0.01),
        new("sales-assistant", "sales", ["claude-sonnet-4", "claude-3-5-haiku"], 2600, 600, 0.005),
        new("code-reviewer", "engineering", ["gpt-4.1", "o4-mini"], 6000, 900, 0.02),
        new("docs-search", "engineering", ["gemini-2.5-flash", "mistral-small-latest"], 1200, 250, 0.0),
        new("research-agent", "research", ["claude-opus-4-1", "deepseek-reasoner"], 9000, 2200, 0.03),
    ];

    private static readonly string[] Tiers = ["free", "free", "free", "pro", "pro", "enterprise"];

    public static UsageEventInput NextEvent(Random random, DateTimeOffset at, string id)
    {
        var bot = Bots[random.Next(Bots.Length)];
        var user = random.Next(1, 41);
        var model = bot.Models[random.NextDouble() < 0.75 ? 0 : 1];
        var input = (long)(bot.InputMean * (0.4 + random.NextDouble() * 1.2));
        return new UsageEventInput(
            id, at, bot.Id, UserId: $"user-{user:00}", Tier: Tiers[user % Tiers.Length], Team: bot.Team, Model: model,
            Provider: ProviderOf(model), Category: bot.Team == "engineering" ? "internal" : "customer-facing",
            InputTokens: input, CachedInputTokens: random.NextDouble() < 0.3 ? input / 3 : 0,
            OutputTokens: (long)(bot.OutputMean * (0.3 + random.NextDouble() * 1.4)), Messages: 1,
            ConversationId: $"conv-{bot.Id}-{user}-{at:yyyyMMddHH}", Error: random.NextDouble() < bot.ErrorRate);
    }

    /// <summary>How many events an hour gets: quiet at night, busy in office hours, lighter at weekends.</summary>
    public static int EventsInHour(Random random, DateTimeOffset hour)
    {
        var busy = hour.Hour is >= 8 and <= 18 ? 14 : 3;
        var weekend = hour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.4 : 1.0;
        return (int)(busy * weekend * (0.6 + random.NextDouble() * 0.8));
    }

    private static string ProviderOf(string model) => model switch
    {
        _ when model.StartsWith("gpt", StringComparison.Ordinal) || model.StartsWith('o') => "openai",
        _ when model.StartsWith("claude", StringComparison.Ordinal) => "anthropic",
        _ when model.StartsWith("gemini", StringComparison.Ordinal) => "google",
        _ when model.StartsWith("mistral", StringComparison.Ordinal) => "mistral",
        _ => "deepseek",
    };
}
