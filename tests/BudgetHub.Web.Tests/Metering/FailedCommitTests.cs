using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>A commit that fails because of one request's events fails that request only, not the others grouped with it.</summary>
public sealed class FailedCommitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnEventTheDatabaseRefuses_FailsItsOwnRequest_AndTheRequestsCommittedWithItAreStoredAndCounted()
    {
        await using var meter = await MeterHarness.StartAsync(Now);
        await meter.ChangeDatabaseAsync(
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON UsageEvents WHEN NEW.BotKey = 'poison' BEGIN SELECT RAISE(ABORT, 'refused'); END");

        // While another connection holds the write lock, all three wait in the writer's queue, so at least
        // two of them share a commit.
        Task<IngestOutcome> first, poison, last;
        using (meter.HoldWriteLock())
        {
            first = meter.RecordAsync("good-bot", 10);
            poison = meter.RecordAsync("poison", 20);
            last = meter.RecordAsync("good-bot", 30);
        }

        await first;
        await last;
        await Assert.ThrowsAnyAsync<Exception>(() => poison);
        Assert.Equal(40, meter.Meter.Current(meter.AccountId, Dimension.Bot, "good-bot", Granularity.Day).Tokens);
        Assert.Equal(0, meter.Meter.Current(meter.AccountId, Dimension.Bot, "poison", Granularity.Day).Tokens);
    }
}
